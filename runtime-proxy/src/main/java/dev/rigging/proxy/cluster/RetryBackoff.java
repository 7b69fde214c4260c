package dev.rigging.proxy.cluster;

import dev.rigging.proxy.route.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Envoy's fully jittered exponential back-off between retries: before retry {@code n} (0 for the
 * first) wait a uniformly random whole number of milliseconds in {@code [0, min(base·2ⁿ, max))}.
 * With Envoy's defaults (base 25 ms, max 250 ms) the first retry waits 0-24 ms, the second 0-49 ms,
 * and from the fifth on 0-249 ms. Immutable; thread-safe when the random source is.
 */
public final class RetryBackoff {

  /** Envoy's base interval when the route sets none. */
  public static final Duration DEFAULT_BASE = RetryPolicy.DEFAULT_BACKOFF_BASE;

  private final long baseMillis;
  private final long maxMillis;
  private final LongSupplier random;

  /**
   * A back-off from {@code base} up to {@code max}.
   *
   * @throws IllegalArgumentException if {@code base} is under 1 ms or {@code max} is below it
   */
  public RetryBackoff(Duration base, Duration max, LongSupplier random) {
    this.baseMillis = base.toMillis();
    this.maxMillis = max.toMillis();
    this.random = Objects.requireNonNull(random, "random");
    if (baseMillis < 1 || maxMillis < baseMillis) {
      throw new IllegalArgumentException(
          "retry back-off needs 1 ms <= base <= max, got " + base + " and " + max);
    }
  }

  /** The back-off of {@code policy} (its base and max, defaults already applied at load). */
  public static RetryBackoff of(RetryPolicy policy) {
    return new RetryBackoff(
        policy.backoffBase(), policy.backoffMax(), () -> ThreadLocalRandom.current().nextLong());
  }

  /** {@code base} and ten times {@code base}, Envoy's default cap. */
  public static RetryBackoff withDefaultMax(Duration base, LongSupplier random) {
    return new RetryBackoff(base, base.multipliedBy(10), random);
  }

  /** The upper bound (exclusive) of the wait before retry {@code retry} (0-based), in ms. */
  public long ceilingMillis(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("negative retry number: " + retry);
    }
    // base << retry overflows quickly; the cap is reached long before that.
    if (retry >= 62 || baseMillis > (maxMillis >> retry)) {
      return maxMillis;
    }
    return Math.min(baseMillis << retry, maxMillis);
  }

  /** How long to wait before retry {@code retry} (0 for the first retry). */
  public Duration delay(int retry) {
    return Duration.ofMillis(Long.remainderUnsigned(random.getAsLong(), ceilingMillis(retry)));
  }
}
