package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Protocol;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.ServiceItem;
import java.util.List;
import java.util.OptionalInt;

/** A gateway after {@link CheckGateways}: port, protocol and hosts checked. */
record GatewayShape(
    Decl.Gateway decl,
    OptionalInt port,
    ServiceItem.Port portItem,
    Protocol protocol,
    List<String> hosts) {
  String name() {
    return decl.name().text();
  }
}
