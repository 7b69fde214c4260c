package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Protocol;
import dev.rigging.compiler.ir.TrafficPolicy;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.ast.ServiceItem;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;

/**
 * A service after {@link CheckServices}: its values parsed and checked. Fields that were invalid
 * are empty; an error has been reported for each.
 *
 * @param versions by name, in declaration order
 */
record ServiceShape(
    Decl.Service decl,
    OptionalInt port,
    ServiceItem.Port portItem,
    Protocol protocol,
    OptionalInt outbound,
    ServiceItem.Outbound outboundItem,
    List<Endpoint> endpoints,
    Map<String, VersionShape> versions,
    TrafficPolicy policy,
    List<Name> calls) {

  String name() {
    return decl.name().text();
  }

  /**
   * Returns whether any {@code endpoint} is written for the service or one of its versions, valid
   * or not: an invalid one is reported where it stands, so "has no endpoints" would say it twice.
   */
  boolean declaresEndpoints() {
    return decl.items().stream().anyMatch(i -> i instanceof ServiceItem.Endpoint)
        || versions.values().stream().anyMatch(VersionShape::declaresEndpoints);
  }

  /** A version after checking. */
  record VersionShape(
      ServiceItem.Version decl,
      SortedMap<String, String> labels,
      List<Endpoint> endpoints,
      TrafficPolicy policy) {
    /** Returns whether the version has an {@code endpoint} line, valid or not. */
    boolean declaresEndpoints() {
      return decl.items().stream().anyMatch(i -> i instanceof ServiceItem.Endpoint);
    }
  }
}
