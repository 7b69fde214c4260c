package dev.rigging.proxy.runtime;

import dev.rigging.proxy.config.ClusterConfig;
import dev.rigging.proxy.net.CircuitLimits;
import dev.rigging.proxy.net.UpstreamCluster;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A configured cluster at run time: its resolved hosts, TLS context and limits, with load balancing
 * and outlier detection over the hosts, and its statistics.
 */
final class ClusterRuntime implements UpstreamCluster {
  private final ClusterConfig config;
  private final List<InetSocketAddress> hosts;
  private final Optional<SslContext> tls;
  private final CircuitLimits limits;
  private final HostSelection selection;
  private final RuntimeStats stats;

  ClusterRuntime(
      ClusterConfig config,
      List<InetSocketAddress> hosts,
      Optional<SslContext> tls,
      HostSelection selection,
      RuntimeStats stats) {
    this.config = config;
    this.hosts = List.copyOf(hosts);
    this.tls = tls;
    var thresholds = config.thresholds();
    this.limits =
        new CircuitLimits(
            Math.max(1, thresholds.maxConnections()),
            thresholds.maxPendingRequests(),
            Math.max(1, thresholds.maxRequests()),
            thresholds.maxRetries());
    this.selection = selection;
    this.stats = stats;
  }

  ClusterConfig config() {
    return config;
  }

  List<InetSocketAddress> hosts() {
    return hosts;
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
  public Optional<InetSocketAddress> choose(long random) {
    return selection.choose(random);
  }

  @Override
  public void attemptStarted(InetSocketAddress host) {
    selection.started(host);
  }

  @Override
  public void attemptEnded(InetSocketAddress host, int status) {
    selection.ended(host, status);
    if (status > 0) {
      stats.upstreamRequest(name(), status);
    }
  }

  @Override
  public void overflowed() {
    stats.circuitBreakerOverflow(name());
  }

  @Override
  public void retried() {
    stats.retry(name());
  }

  @Override
  public void retryOverflowed() {
    stats.retryOverflow(name());
  }
}
