package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.Target;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.dsl.ast.Name;
import dev.rigging.source.Span;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Checks how the mesh fits on the machine and in itself: no two listeners or endpoints on one
 * address, an outbound port exactly where a service calls others, and no routes for a service that
 * nothing calls.
 */
final class CheckTopology implements Stage {
  /** Listeners bind the loopback address in local runs; these hosts all mean it. */
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

  @Override
  public String name() {
    return "check-topology";
  }

  /** An address in use, and what uses it. */
  private record Use(String what, Span span) {}

  @Override
  public void run(CompileContext cx) {
    Map<String, Use> addresses = new HashMap<>();
    // Every listener binds loopback locally; endpoints are keyed by their own host.
    BiConsumer<String, Use> listener =
        (port, use) -> claim(cx, addresses, "127.0.0.1:" + port, use);
    BiConsumer<Endpoint, String> endpoint =
        (e, what) -> claim(cx, addresses, key(e), new Use(what, e.span()));
    for (ServiceShape s : cx.shapes.values()) {
      String service = "`" + s.name() + "`";
      s.port()
          .ifPresent(
              p ->
                  listener.accept(
                      String.valueOf(p),
                      new Use("inbound listener of " + service, s.portItem().number().span())));
      s.outbound()
          .ifPresent(
              p ->
                  listener.accept(
                      String.valueOf(p),
                      new Use(
                          "outbound listener of " + service, s.outboundItem().number().span())));
      s.endpoints().forEach(e -> endpoint.accept(e, "endpoint of " + service));
      for (ServiceShape.VersionShape v : s.versions().values()) {
        String version = "endpoint of `" + s.name() + "." + v.decl().name().text() + "`";
        v.endpoints().forEach(e -> endpoint.accept(e, version));
      }
      checkOutbound(cx, s);
    }
    for (GatewayShape g : cx.gatewayShapes.values()) {
      g.port()
          .ifPresent(
              p ->
                  listener.accept(
                      String.valueOf(p),
                      new Use(
                          "listener of gateway `" + g.name() + "`", g.portItem().number().span())));
    }
    warnUncalledRoutes(cx);
  }

  private static String key(Endpoint e) {
    String host = LOOPBACK.contains(e.host()) ? "127.0.0.1" : e.host();
    return host + ":" + e.port();
  }

  private static void claim(
      CompileContext cx, Map<String, Use> addresses, String address, Use use) {
    Use other = addresses.putIfAbsent(address, use);
    if (other != null) {
      // Services are visited by name; report on whichever comes later in the source.
      boolean otherFirst = other.span().compareTo(use.span()) <= 0;
      Use first = otherFirst ? other : use;
      Use later = otherFirst ? use : other;
      cx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.PORT_CLASH, later.span(), "address " + address + " is used twice")
                  .label(later.what())
                  .secondary(first.span(), "already used by the " + first.what())
                  .note(
                      "sidecar listeners bind 127.0.0.1 in local runs: a service's inbound listener"
                          + " on its `port`, its outbound listener on its `outbound` port")
                  .help("give each listener and endpoint its own port"));
    }
  }

  private static void checkOutbound(CompileContext cx, ServiceShape s) {
    if (!s.calls().isEmpty() && s.outboundItem() == null) {
      Name firstCall = s.calls().getFirst();
      cx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.NO_OUTBOUND_PORT,
                      firstCall.span(),
                      "service `" + s.name() + "` calls others but has no outbound port")
                  .label("its app needs somewhere to send these calls")
                  .help(
                      "add `outbound <port>` to `"
                          + s.name()
                          + "`: its app sends outbound requests to 127.0.0.1:<port>"));
    } else if (s.calls().isEmpty() && s.outboundItem() != null) {
      cx.diagnostics()
          .add(
              Diagnostic.warning(
                      Code.UNUSED_OUTBOUND,
                      s.outboundItem().span(),
                      "service `" + s.name() + "` has an outbound port but calls nobody")
                  .label("no outbound listener will be created")
                  .help("add `calls <service>` for the services it calls, or remove `outbound`"));
    }
  }

  private static void warnUncalledRoutes(CompileContext cx) {
    Set<String> called = new HashSet<>();
    cx.shapes.values().forEach(s -> s.calls().forEach(c -> called.add(c.text())));
    cx.gatewayRules
        .values()
        .forEach(rules -> targetsOf(rules).forEach(t -> called.add(t.service())));
    // A route's own targets (`to v2`) are the routed service itself: that is not a caller.
    cx.routeRules.forEach(
        (owner, rules) ->
            targetsOf(rules).stream()
                .filter(t -> !t.service().equals(owner))
                .forEach(t -> called.add(t.service())));
    for (var route : cx.routes.values()) {
      String service = route.name().text();
      if (cx.shapes.containsKey(service) && !called.contains(service)) {
        cx.diagnostics()
            .add(
                Diagnostic.warning(
                        Code.NOT_CALLED,
                        route.name().span(),
                        "routes for `" + service + "` are never used: nothing calls it")
                    .label("no service lists it in `calls` and no gateway routes to it")
                    .help("add `calls " + service + "` to the services that call it"));
      }
    }
  }

  static List<Target> targetsOf(List<RouteRule> rules) {
    return rules.stream()
        .flatMap(
            r ->
                r.action() instanceof RouteAction.Forward f
                    ? java.util.stream.Stream.concat(
                        f.targets().stream().map(RouteAction.Weighted::target),
                        f.mirror().stream().map(RouteAction.Mirror::target))
                    : java.util.stream.Stream.empty())
        .toList();
  }
}
