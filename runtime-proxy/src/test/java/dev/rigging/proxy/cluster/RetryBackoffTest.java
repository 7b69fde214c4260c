package dev.rigging.proxy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  private static final Duration BASE = RetryBackoff.DEFAULT_BASE;

  @Test
  void ceilingDoublesFromTheBaseUpToTenTimesIt() {
    var backoff = RetryBackoff.withDefaultMax(BASE, () -> 0);
    long[] expected = {25, 50, 100, 200, 250, 250, 250};
    for (int retry = 0; retry < expected.length; retry++) {
      assertEquals(expected[retry], backoff.ceilingMillis(retry), "retry " + retry);
    }
    assertEquals(250, backoff.ceilingMillis(1_000), "no overflow on long retry chains");
  }

  @Test
  void delayIsTheRandomValueModuloTheCeiling() {
    assertEquals(Duration.ofMillis(24), RetryBackoff.withDefaultMax(BASE, () -> 24).delay(0));
    assertEquals(Duration.ZERO, RetryBackoff.withDefaultMax(BASE, () -> 25).delay(0));
    assertEquals(Duration.ofMillis(49), RetryBackoff.withDefaultMax(BASE, () -> 49).delay(1));
    long unsigned = Long.remainderUnsigned(-1L, 25);
    assertEquals(
        Duration.ofMillis(unsigned), RetryBackoff.withDefaultMax(BASE, () -> -1L).delay(0));
  }

  @Test
  void delaysAreFullyJittered_coveringTheWholeRangeUniformly() {
    var backoff = RetryBackoff.withDefaultMax(BASE, new SplittableRandom(5)::nextLong);
    int n = 100_000;
    int[] counts = new int[100];
    for (int i = 0; i < n; i++) {
      long ms = backoff.delay(2).toMillis();
      assertTrue(ms >= 0 && ms < 100, "out of [0, 100): " + ms);
      counts[(int) ms]++;
    }
    double p = 0.01;
    double sigma = Math.sqrt(n * p * (1 - p));
    for (int ms = 0; ms < 100; ms++) {
      // 100 buckets: allow 5.5 sigma so the family of checks still fails only on a real skew.
      assertTrue(Math.abs(counts[ms] - n * p) <= 5.5 * sigma, ms + " ms: " + counts[ms]);
    }
  }

  @Test
  void explicitMaxBelowTenTimesBase() {
    var backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(300), () -> 0);
    assertEquals(100, backoff.ceilingMillis(0));
    assertEquals(200, backoff.ceilingMillis(1));
    assertEquals(300, backoff.ceilingMillis(2));
  }

  @Test
  void invalidIntervalsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryBackoff(Duration.ZERO, Duration.ofMillis(10), () -> 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(10), () -> 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> RetryBackoff.withDefaultMax(BASE, () -> 0).ceilingMillis(-1));
  }
}
