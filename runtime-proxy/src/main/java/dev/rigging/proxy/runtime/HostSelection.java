package dev.rigging.proxy.runtime;

import dev.rigging.proxy.config.ClusterConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Picks a cluster's host for each attempt: ejected hosts left out (outlier detection on consecutive
 * 5xx, as Envoy's), then the configured load balancer over the rest. When fewer than half the hosts
 * are usable Envoy's panic threshold applies and every host is used.
 *
 * <p>Shared by every event loop: state is atomic, never locked.
 */
final class HostSelection {
  private static final int PANIC_THRESHOLD_PERCENT = 50;

  private final List<InetSocketAddress> hosts;
  private final ClusterConfig.LbPolicy policy;
  private final Optional<ClusterConfig.OutlierDetection> outlier;
  private final Runnable onEjection;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicIntegerArray active;
  private final AtomicIntegerArray consecutive5xx;
  private final AtomicIntegerArray ejections;
  private final AtomicLongArray ejectedUntil;

  HostSelection(
      List<InetSocketAddress> hosts,
      ClusterConfig.LbPolicy policy,
      Optional<ClusterConfig.OutlierDetection> outlier,
      Runnable onEjection) {
    this.hosts = List.copyOf(hosts);
    this.policy = policy;
    this.outlier = outlier;
    this.onEjection = onEjection;
    this.active = new AtomicIntegerArray(hosts.size());
    this.consecutive5xx = new AtomicIntegerArray(hosts.size());
    this.ejections = new AtomicIntegerArray(hosts.size());
    this.ejectedUntil = new AtomicLongArray(hosts.size());
  }

  Optional<InetSocketAddress> choose(long random) {
    if (hosts.isEmpty()) {
      return Optional.empty();
    }
    long now = System.nanoTime();
    List<Integer> usable = new ArrayList<>(hosts.size());
    for (int i = 0; i < hosts.size(); i++) {
      if (!isEjected(i, now)) {
        usable.add(i);
      }
    }
    if (usable.size() * 100 < hosts.size() * PANIC_THRESHOLD_PERCENT) {
      usable.clear();
      for (int i = 0; i < hosts.size(); i++) {
        usable.add(i);
      }
    }
    int pick =
        switch (policy) {
          case ROUND_ROBIN -> usable.get(Math.floorMod(next.getAndIncrement(), usable.size()));
          case RANDOM -> usable.get((int) Long.remainderUnsigned(random, usable.size()));
          case LEAST_REQUEST -> leastOfTwo(usable, random);
        };
    return Optional.of(hosts.get(pick));
  }

  /** Envoy's default least-request: the less busy of two random choices. */
  private int leastOfTwo(List<Integer> usable, long random) {
    int a = usable.get((int) Long.remainderUnsigned(random, usable.size()));
    int b = usable.get((int) Long.remainderUnsigned(random >>> 32 ^ random * 31, usable.size()));
    return active.get(b) < active.get(a) ? b : a;
  }

  void started(InetSocketAddress host) {
    int index = hosts.indexOf(host);
    if (index >= 0) {
      active.incrementAndGet(index);
    }
  }

  /**
   * Records the end of an attempt; status 0 means it never reached the host (an overflow, an
   * abandoned request) and says nothing about its health.
   */
  void ended(InetSocketAddress host, int status) {
    int index = hosts.indexOf(host);
    if (index < 0) {
      return;
    }
    active.decrementAndGet(index);
    if (status <= 0 || outlier.isEmpty()) {
      return;
    }
    if (status < 500) {
      consecutive5xx.set(index, 0);
      return;
    }
    var detection = outlier.get();
    if (consecutive5xx.incrementAndGet(index) >= detection.consecutive5xx()) {
      consecutive5xx.set(index, 0);
      eject(index, detection);
    }
  }

  private void eject(int index, ClusterConfig.OutlierDetection detection) {
    long now = System.nanoTime();
    if (isEjected(index, now)) {
      return;
    }
    int ejected = 0;
    for (int i = 0; i < hosts.size(); i++) {
      ejected += isEjected(i, now) ? 1 : 0;
    }
    // Envoy ejects at least one host whatever max_ejection_percent says.
    if (ejected > 0 && (ejected + 1) * 100 > hosts.size() * detection.maxEjectionPercent()) {
      return;
    }
    int times = ejections.incrementAndGet(index);
    ejectedUntil.set(index, now + detection.baseEjectionTime().toNanos() * times);
    onEjection.run();
  }

  private boolean isEjected(int index, long now) {
    long until = ejectedUntil.get(index);
    return until != 0 && now - until < 0;
  }
}
