package dev.rigging.proxy.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Envoy's fully jittered exponential retry backoff. */
final class Backoff {
  private Backoff() {}

  /** A wait for retry number {@code retry} (1-based): uniform in [0, min(max, base·(2^n − 1))]. */
  static Duration jittered(Duration base, Duration max, int retry) {
    long baseNanos = Math.max(1, base.toNanos());
    long factor = (1L << Math.min(retry, 30)) - 1;
    long bound = Math.min(max.toNanos(), baseNanos * factor);
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(Math.max(1, bound) + 1));
  }
}
