package dev.rigging.proxy.net;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A cluster of one plain-text host with fixed limits: for tools and tests of the data path. */
public record StaticCluster(
    String name, InetSocketAddress host, CircuitLimits limits, Duration connectTimeout)
    implements UpstreamCluster {

  public StaticCluster {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  @Override
  public Optional<SslContext> tls() {
    return Optional.empty();
  }

  @Override
  public Optional<InetSocketAddress> choose(long random) {
    return Optional.of(host);
  }
}
