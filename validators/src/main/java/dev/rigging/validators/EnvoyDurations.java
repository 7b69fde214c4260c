package dev.rigging.validators;

/**
 * Envoy's own check on every {@code google.protobuf.Duration} in a config, which it runs before PGV
 * ({@code MessageUtil::validateDurationFields}) because PGV cannot express it: a negative duration,
 * e.g. a route {@code timeout} of {@code -1s}, is rejected even where the field has no PGV rule.
 */
final class EnvoyDurations {

  /** Largest seconds value of a valid {@code google.protobuf.Duration} (10,000 years). */
  private static final long MAX_SECONDS = 315_576_000_000L;

  private static final int MAX_NANOS = 999_999_999;

  private EnvoyDurations() {}

  /** Envoy's objection to a duration, or {@code null} when Envoy accepts it. */
  static String check(long seconds, int nanos) {
    if (seconds < 0 || nanos < 0) {
      return "duration must not be negative (Envoy: \"Invalid duration: Expected positive"
          + " duration\")";
    }
    if (seconds > MAX_SECONDS || nanos > MAX_NANOS) {
      return "duration is out of range (Envoy: \"Duration out-of-range\")";
    }
    return null;
  }
}
