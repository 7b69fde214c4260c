package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.RouteRule;

/**
 * Fault injection. The HCM carries one empty {@code HTTPFault} filter, which does nothing by
 * itself; each faulty route overrides it with its own delay and abort. One filter then serves every
 * route, and routes without faults pay nothing.
 */
final class FaultConfig {
  private FaultConfig() {}

  /** The HCM-level filter, present only when some route of the listener has a fault. */
  static final Fragment FILTER =
      Fragment.of(
          out ->
              out.beginObject()
                  .field("name", EnvoyTypes.FAULT_FILTER)
                  .name("typed_config")
                  .beginAny(EnvoyTypes.HTTP_FAULT)
                  .endObject()
                  .endObject());

  /** Writes the per-route {@code HTTPFault} of a rule that has a fault. */
  static void perRoute(CompactJson out, RouteRule rule) {
    out.beginAny(EnvoyTypes.HTTP_FAULT);
    rule.delay()
        .ifPresent(
            delay -> {
              out.name("delay").beginObject().field("fixed_delay", delay.delay().toProtoJson());
              Fractions.fractionalPercent(out.name("percentage"), delay.percent());
              out.endObject();
            });
    rule.abort()
        .ifPresent(
            abort -> {
              out.name("abort").beginObject().field("http_status", abort.status());
              Fractions.fractionalPercent(out.name("percentage"), abort.percent());
              out.endObject();
            });
    out.endObject();
  }
}
