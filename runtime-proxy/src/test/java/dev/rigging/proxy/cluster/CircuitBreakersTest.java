package dev.rigging.proxy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.cluster.CircuitBreakers.Resource;
import dev.rigging.proxy.config.ClusterConfig.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

  @Test
  void envoyDefaults_allow1024ConnectionsPendingAndRequestsButThreeRetries() {
    var breakers = new CircuitBreakers(Thresholds.ENVOY_DEFAULTS);
    assertEquals(1024, breakers.limit(Resource.CONNECTIONS));
    assertEquals(1024, breakers.limit(Resource.PENDING_REQUESTS));
    assertEquals(1024, breakers.limit(Resource.REQUESTS));
    for (int i = 0; i < 3; i++) {
      assertTrue(breakers.tryAcquire(Resource.RETRIES));
    }
    assertTrue(breakers.open(Resource.RETRIES));
    assertFalse(breakers.tryAcquire(Resource.RETRIES));
    assertEquals(1, breakers.overflows(Resource.RETRIES));
    breakers.release(Resource.RETRIES);
    assertTrue(breakers.tryAcquire(Resource.RETRIES));
    assertEquals(3, breakers.inUse(Resource.RETRIES));
    assertEquals(0, breakers.overflows(Resource.REQUESTS), "resources are counted apart");
  }

  @Test
  void bookinfoCircuitBreaker_oneConnectionOnePendingRequest() {
    var breakers = new CircuitBreakers(new Thresholds(1, 1, 1024, 3));
    assertTrue(breakers.tryAcquire(Resource.CONNECTIONS));
    assertFalse(breakers.tryAcquire(Resource.CONNECTIONS));
    assertTrue(breakers.tryAcquire(Resource.PENDING_REQUESTS));
    assertFalse(breakers.tryAcquire(Resource.PENDING_REQUESTS));
    assertEquals(1, breakers.overflows(Resource.CONNECTIONS));
    assertEquals(1, breakers.overflows(Resource.PENDING_REQUESTS));
    assertEquals("upstream_rq_pending_overflow", Resource.PENDING_REQUESTS.envoyStat());
  }

  @Test
  void zeroLimit_refusesEverything() {
    var breakers = new CircuitBreakers(new Thresholds(0, 0, 0, 0));
    for (Resource r : Resource.values()) {
      assertFalse(breakers.tryAcquire(r));
      assertEquals(1, breakers.overflows(r));
    }
  }

  @Test
  void releaseWithoutAcquire_isABug() {
    var breakers = new CircuitBreakers(Thresholds.ENVOY_DEFAULTS);
    assertThrows(IllegalStateException.class, () -> breakers.release(Resource.REQUESTS));
    assertEquals(0, breakers.inUse(Resource.REQUESTS));
  }

  @Test
  void concurrentAcquirers_neverExceedTheLimit_andEveryRefusalIsCounted() throws Exception {
    int limit = 5;
    var breakers = new CircuitBreakers(new Thresholds(limit, limit, limit, limit));
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger maxHolders = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20_000; i++) {
                    if (breakers.tryAcquire(Resource.REQUESTS)) {
                      maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                      holders.decrementAndGet();
                      breakers.release(Resource.REQUESTS);
                    } else {
                      refused.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(maxHolders.get() <= limit, "held at once: " + maxHolders.get());
    assertEquals(refused.get(), breakers.overflows(Resource.REQUESTS));
    assertEquals(0, breakers.inUse(Resource.REQUESTS));
  }
}
