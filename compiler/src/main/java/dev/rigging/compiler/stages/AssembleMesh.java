package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Fault;
import dev.rigging.compiler.ir.Gateway;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Target;
import dev.rigging.compiler.ir.Version;
import dev.rigging.dsl.ast.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lowers the checked shapes into the IR {@link Mesh}. Runs only on an error-free mesh, so every
 * value it reads has been checked. A service without a {@code route} block gets one default rule to
 * the whole service.
 */
final class AssembleMesh implements Stage {
  @Override
  public String name() {
    return "lower-to-ir";
  }

  @Override
  public boolean needsCleanInput() {
    return true;
  }

  @Override
  public void run(CompileContext cx) {
    List<Service> services = new ArrayList<>();
    for (ServiceShape s : cx.shapes.values()) {
      List<Version> versions =
          s.versions().values().stream()
              .map(
                  v ->
                      new Version(
                          v.decl().name().text(),
                          v.labels(),
                          v.endpoints(),
                          v.policy(),
                          v.decl().name().span()))
              .toList();
      List<RouteRule> routes = cx.routeRules.get(s.name());
      boolean declared = routes != null;
      if (!declared) {
        routes = List.of(defaultRule(s));
      }
      List<String> calls = s.calls().stream().map(Name::text).distinct().sorted().toList();
      services.add(
          new Service(
              s.name(),
              s.port().getAsInt(),
              s.protocol(),
              s.outbound(),
              versions,
              s.endpoints(),
              s.policy(),
              calls,
              routes,
              declared,
              Optional.ofNullable(cx.checkedAuthz.get(s.name())),
              s.decl().name().span()));
    }
    List<Gateway> gateways = new ArrayList<>();
    for (GatewayShape g : cx.gatewayShapes.values()) {
      gateways.add(
          new Gateway(
              g.name(),
              g.port().getAsInt(),
              g.protocol(),
              g.hosts(),
              cx.gatewayRules.getOrDefault(g.name(), List.of()),
              g.decl().name().span()));
    }
    cx.setMesh(new Mesh(cx.meshName, services, gateways, cx.inputs()));
  }

  private static RouteRule defaultRule(ServiceShape s) {
    RouteAction.Forward forward =
        new RouteAction.Forward(
            List.of(new RouteAction.Weighted(Target.service(s.name()), Percent.HUNDRED)),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new RouteRule(
        Match.ANY,
        forward,
        Optional.<Fault.Delay>empty(),
        Optional.<Fault.Abort>empty(),
        List.of(),
        List.of(),
        s.decl().name().span());
  }
}
