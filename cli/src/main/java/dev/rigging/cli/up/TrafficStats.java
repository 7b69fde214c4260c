package dev.rigging.cli.up;

import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes of the generated requests in one-second buckets, so the view can show the last few
 * seconds: which backend answered, injected aborts, slow answers (injected delays), and failures.
 */
public final class TrafficStats {
  private static final int SECONDS = 64;
  private final Bucket[] buckets = new Bucket[SECONDS];

  /** What happened in one second. */
  public static final class Bucket {
    long second = -1;
    final Map<String, Long> backends = new TreeMap<>();
    final Map<String, Long> failures = new TreeMap<>();
    long aborted;
    long delayed;
    long failed;
    long total;
  }

  /**
   * Totals over a window.
   *
   * @param backends responses by the backend that answered
   * @param aborted responses from the fault filter's abort
   * @param delayed responses slow enough to have been delayed on purpose
   * @param failed other errors: unexpected statuses, resets, timeouts
   * @param failures the other errors by kind ({@code 503}, {@code timeout}...)
   * @param total every finished request
   */
  public record Window(
      Map<String, Long> backends,
      long aborted,
      long delayed,
      long failed,
      Map<String, Long> failures,
      long total) {}

  private final long slowMillis;

  /**
   * @param slowMillis answers at least this slow count as delayed: the shortest delay the policy
   *     injects, less a margin
   */
  public TrafficStats(long slowMillis) {
    this.slowMillis = slowMillis;
  }

  /** Records one request in the second it finished: a delayed answer counts when it arrives. */
  public synchronized void record(
      long endMillis, String backend, boolean aborted, String failure, long millis) {
    Bucket b = bucket(endMillis / 1000);
    b.total++;
    if (millis >= slowMillis) {
      b.delayed++;
    }
    if (aborted) {
      b.aborted++;
    } else if (failure != null) {
      b.failed++;
      b.failures.merge(failure, 1L, Long::sum);
    } else if (backend != null) {
      b.backends.merge(backend, 1L, Long::sum);
    }
  }

  /** Sums the {@code seconds} full seconds before {@code nowMillis}. */
  public synchronized Window window(long nowMillis, int seconds) {
    long now = nowMillis / 1000;
    Map<String, Long> backends = new TreeMap<>();
    Map<String, Long> failures = new TreeMap<>();
    long aborted = 0;
    long delayed = 0;
    long failed = 0;
    long total = 0;
    for (Bucket b : buckets) {
      if (b != null && b.second < now && b.second >= now - seconds) {
        b.backends.forEach((k, v) -> backends.merge(k, v, Long::sum));
        b.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
        aborted += b.aborted;
        delayed += b.delayed;
        failed += b.failed;
        total += b.total;
      }
    }
    return new Window(backends, aborted, delayed, failed, failures, total);
  }

  private Bucket bucket(long second) {
    int i = (int) Math.floorMod(second, (long) SECONDS);
    Bucket b = buckets[i];
    if (b == null || b.second != second) {
      b = new Bucket();
      b.second = second;
      buckets[i] = b;
    }
    return b;
  }
}
