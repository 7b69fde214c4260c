package dev.rigging.proxy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.config.ClusterConfig.LbPolicy;
import dev.rigging.proxy.config.ClusterConfig.OutlierDetection;
import dev.rigging.proxy.config.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private static HostSet hosts(int count) {
    List<HostPort> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      addresses.add(new HostPort("127.0.0.1", 9000 + i));
    }
    return HostSet.of(addresses);
  }

  private OutlierDetector detector(HostSet set, int consecutive5xx, int maxPercent) {
    return new OutlierDetector(
        new OutlierDetection(
            consecutive5xx, Duration.ofSeconds(10), Duration.ofSeconds(30), maxPercent),
        set,
        nanos::get);
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  /** Ticks every interval (10 s) for {@code duration}. */
  private void runFor(OutlierDetector detector, Duration duration) {
    for (long s = 0; s < duration.toSeconds(); s += 10) {
      advance(Duration.ofSeconds(10));
      detector.onInterval();
    }
  }

  private static void fail(OutlierDetector detector, Host host, int times) {
    for (int i = 0; i < times; i++) {
      detector.onResponse(host, 503);
    }
  }

  @Test
  void consecutive5xx_ejectsAtTheThreshold_andASuccessResetsTheCount() {
    HostSet set = hosts(2);
    Host host = set.all().get(0);
    OutlierDetector detector = detector(set, 3, 100);
    fail(detector, host, 2);
    detector.onResponse(host, 200);
    fail(detector, host, 2);
    assertFalse(host.ejected());
    detector.onResponse(host, 500);
    assertTrue(host.ejected());
    assertEquals(1, detector.ejectionsEnforced());
    assertEquals(1, detector.ejectionsActive());
  }

  @Test
  void localOriginFailuresCountAs5xx_and4xxDoesNot() {
    HostSet set = hosts(2);
    Host host = set.all().get(0);
    OutlierDetector detector = detector(set, 3, 100);
    detector.onLocalOriginFailure(host);
    detector.onResponse(host, 502);
    detector.onResponse(host, 404);
    fail(detector, host, 2);
    assertFalse(host.ejected(), "the 404 broke the run");
    detector.onLocalOriginFailure(host);
    assertTrue(host.ejected());
  }

  @Test
  void ejectedHost_isSkippedByBalancing_andComesBackAtTheFirstTickAfterBaseTime() {
    HostSet set = hosts(2);
    Host bad = set.all().get(0);
    OutlierDetector detector = detector(set, 5, 100);
    LoadBalancer lb = LoadBalancer.of(LbPolicy.ROUND_ROBIN, set, () -> 0);
    fail(detector, bad, 5);
    for (int i = 0; i < 10; i++) {
      assertEquals(9001, lb.choose().orElseThrow().address().port());
    }
    runFor(detector, Duration.ofSeconds(20));
    assertTrue(bad.ejected(), "20 s of 30");
    advance(Duration.ofSeconds(9));
    detector.onInterval();
    assertTrue(bad.ejected(), "29 s of 30");
    advance(Duration.ofSeconds(1));
    detector.onInterval();
    assertFalse(bad.ejected());
    assertEquals(0, detector.ejectionsActive());
    assertEquals(9000, lb.choose().orElseThrow().address().port());
    assertEquals(9001, lb.choose().orElseThrow().address().port());
  }

  @Test
  void ejectionTimeGrowsWithRepeatedEjections_andRelaxesWhileHealthy() {
    HostSet set = hosts(2);
    Host bad = set.all().get(0);
    OutlierDetector detector = detector(set, 1, 100);
    fail(detector, bad, 1);
    runFor(detector, Duration.ofSeconds(30));
    assertFalse(bad.ejected());
    fail(detector, bad, 1); // ejected again right after coming back: 2 × 30 s
    runFor(detector, Duration.ofSeconds(50));
    assertTrue(bad.ejected(), "50 s of 60");
    runFor(detector, Duration.ofSeconds(10));
    assertFalse(bad.ejected());
    // Healthy for two intervals after the first: the multiplier drops from 2 to 1... then 0.
    runFor(detector, Duration.ofSeconds(30));
    fail(detector, bad, 1);
    runFor(detector, Duration.ofSeconds(30));
    assertFalse(bad.ejected(), "back to the base time after recovering");
  }

  @Test
  void ejectionTimeIsCappedAtEnvoysMaxEjectionTime() {
    HostSet set = hosts(2);
    Host bad = set.all().get(0);
    OutlierDetector detector = detector(set, 1, 100);
    for (int round = 0; round < 15; round++) {
      fail(detector, bad, 1);
      runFor(detector, Duration.ofSeconds(300));
      assertFalse(bad.ejected(), "round " + round + " stays under the 300 s cap");
    }
  }

  @Test
  void maxEjectionPercent_capsEjections_butAtLeastOneHostGoes() {
    HostSet set = hosts(10);
    OutlierDetector detector = detector(set, 2, 10);
    fail(detector, set.all().get(0), 2);
    fail(detector, set.all().get(1), 2);
    assertTrue(set.all().get(0).ejected());
    assertFalse(set.all().get(1).ejected(), "a second host would be 20% > 10%");
    assertEquals(1, detector.ejectionsOverflow());

    HostSet two = hosts(2);
    OutlierDetector small = detector(two, 2, 10);
    fail(small, two.all().get(0), 2);
    assertTrue(two.all().get(0).ejected(), "50% > 10%, yet Envoy ejects one host");
  }

  @Test
  void concurrent5xxFromManyThreads_ejectOnce() throws Exception {
    HostSet set = hosts(2);
    Host bad = set.all().get(0);
    OutlierDetector detector = detector(set, 5, 100);
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> fail(detector, bad, 1_000));
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertTrue(bad.ejected());
    assertEquals(1, detector.ejectionsEnforced());
    assertEquals(1, detector.ejectionsActive());
  }
}
