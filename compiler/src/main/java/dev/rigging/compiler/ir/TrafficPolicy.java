package dev.rigging.compiler.ir;

import dev.rigging.source.Span;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How callers talk to a service or one of its versions: load balancing, connection limits (Envoy
 * circuit breakers) and outlier detection. A version's policy is the service's policy with the
 * version's own settings laid over it.
 *
 * @param span the policy block this came from, or the service when no block was written
 */
public record TrafficPolicy(
    LoadBalancer loadBalancer,
    Optional<Duration> connectTimeout,
    Limits limits,
    Optional<OutlierDetection> outlier,
    Span span) {

  /** Envoy's load balancing policies that the bundled proxy also implements. */
  public enum LoadBalancer {
    ROUND_ROBIN,
    LEAST_REQUEST,
    RANDOM;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Circuit-breaker thresholds; empty means Envoy's default. */
  public record Limits(
      OptionalInt maxConnections,
      OptionalInt maxPendingRequests,
      OptionalInt maxRequests,
      OptionalInt maxRetries,
      OptionalInt maxRequestsPerConnection) {
    public static final Limits NONE =
        new Limits(
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty());

    /** Returns whether any circuit-breaker threshold is set. */
    public boolean anyThreshold() {
      return maxConnections.isPresent()
          || maxPendingRequests.isPresent()
          || maxRequests.isPresent()
          || maxRetries.isPresent();
    }
  }

  /** Ejects an instance after consecutive 5xx answers, for a time, capped at a share. */
  public record OutlierDetection(
      int consecutive5xx, Duration interval, Duration baseEjectionTime, Percent maxEjected) {}
}
