package dev.rigging.proxy.net;

import java.time.Duration;

/**
 * Resource limits of the data path; the defaults follow Envoy's and Netty's where they exist.
 *
 * @param maxInitialLineLength longest request line accepted; longer is answered 414
 * @param maxHeaderSize total size of the header section; larger is answered 431
 * @param maxChunkSize largest body piece handed on at once, which bounds per-read buffering
 * @param requestHeaderTimeout time a connection may take to deliver a complete request head,
 *     counted from when it opens or, on a kept-alive connection, from the request's first byte
 * @param streamIdleTimeout time a body transfer may stall, in either direction, before the exchange
 *     is ended (408 if no response has started, otherwise both connections close)
 * @param connectTimeout upstream TCP connect timeout; expiry is answered 503
 * @param maxConnectionsPerUpstream open upstream connections per address, across all workers
 * @param maxPendingPerUpstream requests waiting for a connection per address, across all workers;
 *     beyond it requests overflow with 503
 * @param upstreamIdleTimeout an idle pooled upstream connection is closed after this long
 * @param downstreamIdleTimeout a kept-alive downstream connection may wait this long for the first
 *     byte of its next request; it must exceed the pool idle timeout of a proxy in front (ours is
 *     {@code upstreamIdleTimeout}), or that proxy races requests onto connections closing here
 */
public record ProxyLimits(
    int maxInitialLineLength,
    int maxHeaderSize,
    int maxChunkSize,
    Duration requestHeaderTimeout,
    Duration streamIdleTimeout,
    Duration connectTimeout,
    int maxConnectionsPerUpstream,
    int maxPendingPerUpstream,
    Duration upstreamIdleTimeout,
    Duration downstreamIdleTimeout) {

  /**
   * Envoy-like defaults: 60 KiB headers, 5 min stream idle, 1024 connections and pending requests,
   * 5 s connect, 1 min idle pooled connections, 1 h idle downstream connections (Envoy's).
   */
  public static final ProxyLimits DEFAULTS =
      new ProxyLimits(
          8192,
          60 * 1024,
          64 * 1024,
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Duration.ofSeconds(5),
          1024,
          1024,
          Duration.ofMinutes(1),
          Duration.ofHours(1));

  public ProxyLimits {
    if (maxInitialLineLength <= 0 || maxHeaderSize <= 0 || maxChunkSize <= 0) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    if (maxConnectionsPerUpstream <= 0 || maxPendingPerUpstream < 0) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
  }

  public ProxyLimits withUpstreamLimits(int maxConnections, int maxPending) {
    return new ProxyLimits(
        maxInitialLineLength,
        maxHeaderSize,
        maxChunkSize,
        requestHeaderTimeout,
        streamIdleTimeout,
        connectTimeout,
        maxConnections,
        maxPending,
        upstreamIdleTimeout,
        downstreamIdleTimeout);
  }

  public ProxyLimits withStreamIdleTimeout(Duration streamIdle) {
    return new ProxyLimits(
        maxInitialLineLength,
        maxHeaderSize,
        maxChunkSize,
        requestHeaderTimeout,
        streamIdle,
        connectTimeout,
        maxConnectionsPerUpstream,
        maxPendingPerUpstream,
        upstreamIdleTimeout,
        downstreamIdleTimeout);
  }

  public ProxyLimits withDownstreamIdleTimeout(Duration downstreamIdle) {
    return new ProxyLimits(
        maxInitialLineLength,
        maxHeaderSize,
        maxChunkSize,
        requestHeaderTimeout,
        streamIdleTimeout,
        connectTimeout,
        maxConnectionsPerUpstream,
        maxPendingPerUpstream,
        upstreamIdleTimeout,
        downstreamIdle);
  }

  public ProxyLimits withTimeouts(Duration requestHeader, Duration connect, Duration upstreamIdle) {
    return new ProxyLimits(
        maxInitialLineLength,
        maxHeaderSize,
        maxChunkSize,
        requestHeader,
        streamIdleTimeout,
        connect,
        maxConnectionsPerUpstream,
        maxPendingPerUpstream,
        upstreamIdle,
        downstreamIdleTimeout);
  }
}
