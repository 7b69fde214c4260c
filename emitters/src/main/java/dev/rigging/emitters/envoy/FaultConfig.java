package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.RouteRule;

/**
 * Fault injection. The HCM carries one empty {@code HTTPFault} filter, which does nothing by
 * itself; each faulty route overrides it with its own delay and abort. One filter then serves every
 * route, and routes without faults pay nothing.
 */
final class FaultConfig {
  private FaultConfig() {}

  /** The HCM-level filter, present only when some route of the listener has a fault. */
  static ObjectNode filter() {
    var filter = Json.object().put("name", EnvoyTypes.FAULT_FILTER);
    filter.set("typed_config", Json.any(EnvoyTypes.HTTP_FAULT));
    return filter;
  }

  /** The per-route {@code HTTPFault} of a rule that has a fault. */
  static ObjectNode perRoute(RouteRule rule) {
    var fault = Json.any(EnvoyTypes.HTTP_FAULT);
    rule.delay()
        .ifPresent(
            delay -> {
              var node = Json.object().put("fixed_delay", delay.delay().toProtoJson());
              node.set("percentage", Fractions.fractionalPercent(delay.percent()));
              fault.set("delay", node);
            });
    rule.abort()
        .ifPresent(
            abort -> {
              var node = Json.object().put("http_status", abort.status());
              node.set("percentage", Fractions.fractionalPercent(abort.percent()));
              fault.set("abort", node);
            });
    return fault;
  }
}
