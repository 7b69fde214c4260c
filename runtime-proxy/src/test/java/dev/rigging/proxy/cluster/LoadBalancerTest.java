package dev.rigging.proxy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.config.ClusterConfig.LbPolicy;
import dev.rigging.proxy.config.HostPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {

  private static HostSet hosts(int count) {
    List<HostPort> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      addresses.add(new HostPort("127.0.0.1", 9000 + i));
    }
    return HostSet.of(addresses);
  }

  private static void eject(HostSet set, int... indexes) {
    for (int i : indexes) {
      set.all().get(i).setEjected(true);
    }
    set.refresh();
  }

  private static int port(Optional<Host> host) {
    return host.orElseThrow().address().port();
  }

  private static LongSupplier sequence(long... values) {
    int[] next = {0};
    return () -> values[next[0]++];
  }

  private static void assertRate(double p, long count, int n, String what) {
    double mean = p * n;
    double sigma = Math.sqrt(n * p * (1 - p));
    assertTrue(
        Math.abs(count - mean) <= 5 * sigma,
        what + ": " + count + " of " + n + ", expected " + mean + " ± " + 5 * sigma);
  }

  @Test
  void roundRobin_cyclesInOrderAndSkipsEjectedHosts() {
    HostSet set = hosts(4);
    LoadBalancer lb = LoadBalancer.of(LbPolicy.ROUND_ROBIN, set, () -> 0);
    assertEquals(List.of(9000, 9001, 9002, 9003, 9000), picks(lb, 5));
    eject(set, 1);
    List<Integer> after = picks(lb, 30);
    assertTrue(!after.contains(9001), "ejected host chosen: " + after);
    assertEquals(10, after.stream().filter(p -> p == 9000).count());
  }

  private static List<Integer> picks(LoadBalancer lb, int n) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ports.add(port(lb.choose()));
    }
    return ports;
  }

  @Test
  void roundRobin_sharesExactlyAcrossThreads() throws Exception {
    HostSet set = hosts(4);
    LoadBalancer lb = LoadBalancer.of(LbPolicy.ROUND_ROBIN, set, () -> 0);
    Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10_000; i++) {
                    counts.computeIfAbsent(port(lb.choose()), p -> new LongAdder()).increment();
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    counts.values().forEach(c -> assertEquals(10_000, c.sum()));
    assertEquals(4, counts.size());
  }

  @Test
  void panicMode_whenFewerThanHalfAreLeft_usesEveryHost() {
    HostSet set = hosts(3);
    LoadBalancer lb = LoadBalancer.of(LbPolicy.ROUND_ROBIN, set, () -> 0);
    eject(set, 0);
    assertEquals(List.of(9001, 9002), picks(lb, 2), "two of three left: no panic");
    eject(set, 1);
    assertTrue(set.panic());
    assertEquals(List.of(9002, 9000, 9001, 9002), picks(lb, 4));
  }

  @Test
  void leastRequest_takesTheLessBusyOfTwoRandomHosts() {
    HostSet set = hosts(2);
    set.all().get(0).requestStarted();
    set.all().get(0).requestStarted();
    LoadBalancer lb = LoadBalancer.of(LbPolicy.LEAST_REQUEST, set, sequence(0, 1, 1, 0, 0, 0));
    assertEquals(9001, port(lb.choose()));
    assertEquals(9001, port(lb.choose()));
    assertEquals(9000, port(lb.choose()), "both draws on the busy host");
    set.all().get(0).requestFinished();
    set.all().get(0).requestFinished();
    assertEquals(0, set.all().get(0).activeRequests());
  }

  @Test
  void leastRequest_choosesABusyHostOnlyWhenBothDrawsLandOnIt() {
    HostSet set = hosts(3);
    set.all().get(2).requestStarted();
    LoadBalancer lb =
        LoadBalancer.of(LbPolicy.LEAST_REQUEST, set, new SplittableRandom(3)::nextLong);
    int n = 90_000;
    int busy = 0;
    for (int i = 0; i < n; i++) {
      busy += port(lb.choose()) == 9002 ? 1 : 0;
    }
    assertRate(1.0 / 9, busy, n, "busy host");
  }

  @Test
  void random_isUniformOverUsableHosts() {
    HostSet set = hosts(5);
    eject(set, 4);
    LoadBalancer lb = LoadBalancer.of(LbPolicy.RANDOM, set, new SplittableRandom(11)::nextLong);
    int n = 80_000;
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(port(lb.choose()), 1, Integer::sum);
    }
    assertEquals(4, counts.size());
    counts.forEach((p, c) -> assertRate(0.25, c, n, "host " + p));
  }

  @Test
  void emptyCluster_choosesNothing() {
    for (LbPolicy policy : LbPolicy.values()) {
      assertEquals(Optional.empty(), LoadBalancer.of(policy, hosts(0), () -> 0).choose());
    }
  }
}
