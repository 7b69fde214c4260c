package dev.rigging.proxy.net;

import dev.rigging.proxy.cluster.CircuitBreakers;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * An upstream cluster as the data path sees it: where an attempt goes, how to connect, its limits,
 * and where outcomes are reported (load balancing, outlier detection and statistics live behind
 * it). Called on event loops, so nothing here may block.
 *
 * <p>Connection pools and circuit-breaker budgets are kept per instance: a reload that keeps a
 * cluster's configuration should hand out the same instance so both carry over.
 */
public interface UpstreamCluster {

  /** The cluster's name, for logs and statistics. */
  String name();

  /** The circuit-breaker limits. */
  CircuitLimits limits();

  /** TLS to originate towards the hosts, with SNI and peer checks built in; empty for plain. */
  Optional<SslContext> tls();

  /** TCP connect timeout. */
  Duration connectTimeout();

  /** Requests a connection carries before it is closed; empty for no limit. */
  default Optional<Integer> maxRequestsPerConnection() {
    return Optional.empty();
  }

  /** The host for the next attempt, given a uniformly random number; empty when none is usable. */
  Optional<InetSocketAddress> choose(long random);

  /** An attempt to {@code host} is starting. */
  default void attemptStarted(InetSocketAddress host) {}

  /**
   * An attempt to {@code host} ended with {@code status}: the upstream's response code, or the code
   * the proxy answers for a local failure (503 for connect failure or reset, 504 for a timeout).
   */
  default void attemptEnded(InetSocketAddress host, int status) {}

  /**
   * A request (or, for {@code RETRIES}, a retry) overflowed the circuit breaker on {@code limit}.
   */
  default void overflowed(CircuitBreakers.Resource limit) {}

  /** A retry is being made. */
  default void retried() {}

  /**
   * Whether a reload has replaced this cluster. Requests that started before the swap may still use
   * it, but its connections close once their exchange ends instead of going back to a pool (see
   * {@link DataPlane#retire}).
   */
  default boolean retired() {
    return false;
  }
}
