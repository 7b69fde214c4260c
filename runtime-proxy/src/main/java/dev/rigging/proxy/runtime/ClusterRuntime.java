package dev.rigging.proxy.runtime;

import dev.rigging.proxy.cluster.CircuitBreakers;
import dev.rigging.proxy.cluster.Host;
import dev.rigging.proxy.cluster.HostSet;
import dev.rigging.proxy.cluster.LoadBalancer;
import dev.rigging.proxy.cluster.OutlierDetector;
import dev.rigging.proxy.config.ClusterConfig;
import dev.rigging.proxy.config.HostPort;
import dev.rigging.proxy.net.CircuitLimits;
import dev.rigging.proxy.net.UpstreamCluster;
import dev.rigging.proxy.stats.ClusterStats;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A configured cluster at run time: its resolved hosts, TLS context and circuit-breaker limits;
 * hosts chosen by the configured {@link LoadBalancer} among those {@link OutlierDetector} has not
 * ejected, and outcomes counted in the cluster's statistics.
 */
final class ClusterRuntime implements UpstreamCluster {
  private final ClusterConfig config;
  private final Optional<SslContext> tls;
  private final CircuitLimits limits;
  private final HostSet hosts;
  private final LoadBalancer balancer;
  private final Optional<OutlierDetector> outlier;
  private final Map<InetSocketAddress, Host> byAddress = new HashMap<>();
  private final Map<Host, InetSocketAddress> addresses = new HashMap<>();
  private final ClusterStats stats;
  private long ejectionsCounted;
  private volatile boolean retired;

  /**
   * @param resolved the cluster's endpoints, names resolved to addresses
   */
  ClusterRuntime(
      ClusterConfig config,
      List<InetSocketAddress> resolved,
      Optional<SslContext> tls,
      ClusterStats stats) {
    this.config = config;
    this.tls = tls;
    this.stats = stats;
    var thresholds = config.thresholds();
    this.limits =
        new CircuitLimits(
            Math.max(1, thresholds.maxConnections()),
            thresholds.maxPendingRequests(),
            Math.max(1, thresholds.maxRequests()),
            thresholds.maxRetries());
    List<Host> list =
        resolved.stream()
            .map(a -> new Host(new HostPort(a.getAddress().getHostAddress(), a.getPort())))
            .toList();
    for (int i = 0; i < list.size(); i++) {
      byAddress.put(resolved.get(i), list.get(i));
      addresses.put(list.get(i), resolved.get(i));
    }
    this.hosts = new HostSet(list);
    this.balancer =
        LoadBalancer.of(config.lbPolicy(), hosts, () -> ThreadLocalRandom.current().nextLong());
    this.outlier =
        config.outlierDetection().map(o -> new OutlierDetector(o, hosts, System::nanoTime));
  }

  ClusterConfig config() {
    return config;
  }

  /** Outlier detection's periodic work: hosts whose ejection time is over come back. */
  void tick() {
    outlier.ifPresent(
        detector -> {
          detector.onInterval();
          stats.ejectionsActive(detector.ejectionsActive());
          countEjections(detector);
        });
  }

  /** How often {@link #tick} should run, when it needs to. */
  Optional<Duration> tickInterval() {
    return outlier.map(OutlierDetector::interval);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public CircuitLimits limits() {
    return limits;
  }

  @Override
  public Optional<SslContext> tls() {
    return tls;
  }

  @Override
  public Duration connectTimeout() {
    return config.connectTimeout();
  }

  @Override
  public Optional<Integer> maxRequestsPerConnection() {
    return config.maxRequestsPerConnection();
  }

  @Override
  public Optional<InetSocketAddress> choose(long random) {
    return balancer.choose().map(addresses::get);
  }

  @Override
  public void attemptStarted(InetSocketAddress address) {
    Host host = byAddress.get(address);
    if (host != null) {
      host.requestStarted();
    }
  }

  @Override
  public void attemptEnded(InetSocketAddress address, int status) {
    Host host = byAddress.get(address);
    if (host == null) {
      return;
    }
    host.requestFinished();
    if (status < 100 || status > 599) {
      return; // never reached the host: says nothing about its health
    }
    stats.upstreamResponse(status);
    outlier.ifPresent(
        detector -> {
          detector.onResponse(host, status);
          countEjections(detector);
        });
  }

  private synchronized void countEjections(OutlierDetector detector) {
    long enforced = detector.ejectionsEnforced();
    for (; ejectionsCounted < enforced; ejectionsCounted++) {
      stats.ejection();
    }
    stats.ejectionsActive(detector.ejectionsActive());
  }

  @Override
  public void overflowed(CircuitBreakers.Resource limit) {
    stats.overflow(limit);
  }

  @Override
  public void retried() {
    stats.retry();
  }

  @Override
  public boolean retired() {
    return retired;
  }

  /** A reload has swapped in a configuration without this instance: see {@link #retired()}. */
  void retire() {
    retired = true;
  }
}
