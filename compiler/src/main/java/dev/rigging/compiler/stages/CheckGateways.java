package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Protocol;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.GatewayItem;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.Rule;
import dev.rigging.dsl.ast.ServiceItem;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Checks each gateway's port, protocol and hosts; its rules are checked with the routes. */
final class CheckGateways implements Stage {
  @Override
  public String name() {
    return "check-gateways";
  }

  @Override
  public void run(CompileContext cx) {
    for (Decl.Gateway gateway : cx.gateways.values()) {
      CheckServices.Once<ServiceItem.Port> port = new CheckServices.Once<>(cx, "port");
      CheckServices.Once<GatewayItem.Hosts> hosts = new CheckServices.Once<>(cx, "hosts");
      boolean hasRules = false;
      for (GatewayItem item : gateway.items()) {
        switch (item) {
          case ServiceItem.Port p -> port.set(p, p.span());
          case GatewayItem.Hosts h -> hosts.set(h, h.span());
          case Rule r -> hasRules = true;
        }
      }
      if (port.value == null) {
        cx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.MISSING_PORT,
                        gateway.name().span(),
                        "gateway `" + gateway.name().text() + "` has no port")
                    .label("a gateway listens on a port")
                    .help("add `port 8080 http` inside the gateway"));
      }
      if (!hasRules) {
        cx.diagnostics()
            .add(
                Diagnostic.warning(
                        Code.NO_DESTINATION,
                        gateway.name().span(),
                        "gateway `" + gateway.name().text() + "` has no rules")
                    .label("every request will get 404")
                    .help("add `match path prefix \"/\" { to some-service }`"));
      }
      OptionalInt number =
          port.value == null ? OptionalInt.empty() : cx.values().port(port.value.number());
      Protocol protocol =
          port.value == null ? Protocol.HTTP : CheckServices.protocol(cx, port.value.protocol());
      List<String> hostNames = new ArrayList<>();
      if (hosts.value == null) {
        hostNames.add("*");
      } else {
        for (Literal host : hosts.value.hosts()) {
          cx.values().host(host, true).ifPresent(hostNames::add);
        }
      }
      cx.gatewayShapes.put(
          gateway.name().text(),
          new GatewayShape(gateway, number, port.value, protocol, hostNames));
    }
  }
}
