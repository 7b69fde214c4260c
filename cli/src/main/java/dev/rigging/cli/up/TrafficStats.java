package dev.rigging.cli.up;

import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes of the generated requests in one-second buckets, so the view can show the last few
 * seconds: which backend answered, injected aborts, slow answers (injected delays), and failures.
 */
public final class TrafficStats {
  /** Requests slower than this count as delayed: no sample backend takes anywhere near it. */
  public static final long SLOW_MILLIS = 1000;

  private static final int SECONDS = 64;
  private final Bucket[] buckets = new Bucket[SECONDS];

  /** What happened in one second. */
  public static final class Bucket {
    long second = -1;
    final Map<String, Long> backends = new TreeMap<>();
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
   * @param delayed responses that took at least {@link #SLOW_MILLIS}
   * @param failed other errors: unexpected statuses, resets, timeouts
   * @param total every finished request
   */
  public record Window(
      Map<String, Long> backends, long aborted, long delayed, long failed, long total) {}

  /** Records one request in the second it finished: a delayed answer counts when it arrives. */
  public synchronized void record(
      long endMillis, String backend, boolean aborted, boolean failed, long millis) {
    Bucket b = bucket(endMillis / 1000);
    b.total++;
    if (millis >= SLOW_MILLIS) {
      b.delayed++;
    }
    if (aborted) {
      b.aborted++;
    } else if (failed) {
      b.failed++;
    } else if (backend != null) {
      b.backends.merge(backend, 1L, Long::sum);
    }
  }

  /** Sums the {@code seconds} full seconds before {@code nowMillis}. */
  public synchronized Window window(long nowMillis, int seconds) {
    long now = nowMillis / 1000;
    Map<String, Long> backends = new TreeMap<>();
    long aborted = 0;
    long delayed = 0;
    long failed = 0;
    long total = 0;
    for (Bucket b : buckets) {
      if (b != null && b.second < now && b.second >= now - seconds) {
        b.backends.forEach((k, v) -> backends.merge(k, v, Long::sum));
        aborted += b.aborted;
        delayed += b.delayed;
        failed += b.failed;
        total += b.total;
      }
    }
    return new Window(backends, aborted, delayed, failed, total);
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
