package dev.rigging.proxy.net;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the data path, safe to read from any thread. */
public final class ProxyStats {
  final LongAdder requests = new LongAdder();
  final LongAdder badRequests = new LongAdder();
  final LongAdder headerTimeouts = new LongAdder();
  final LongAdder overflows = new LongAdder();
  final LongAdder connectFailures = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder streamIdleTimeouts = new LongAdder();
  final LongAdder upstreamResets = new LongAdder();
  final LongAdder upstreamConnections = new LongAdder();
  final LongAdder staleConnectionResends = new LongAdder();

  /** Request heads received, valid or not. */
  public long requests() {
    return requests.sum();
  }

  /** Requests rejected as malformed (400, 414, 431). */
  public long badRequests() {
    return badRequests.sum();
  }

  /** Connections closed because a request head did not arrive in time. */
  public long headerTimeouts() {
    return headerTimeouts.sum();
  }

  /** Requests answered 503 because the upstream's connection and pending limits were full. */
  public long overflows() {
    return overflows.sum();
  }

  /** Requests answered 503 because no upstream connection could be made. */
  public long connectFailures() {
    return connectFailures.sum();
  }

  /** Requests answered 504 because response headers did not arrive in time. */
  public long timeouts() {
    return timeouts.sum();
  }

  /** Exchanges ended because a body stopped flowing for the stream idle timeout. */
  public long streamIdleTimeouts() {
    return streamIdleTimeouts.sum();
  }

  /** Upstream connections lost while a request was on them. */
  public long upstreamResets() {
    return upstreamResets.sum();
  }

  /**
   * Idempotent requests sent again on a fresh connection after a pooled one turned out closed by
   * the upstream before answering.
   */
  public long staleConnectionResends() {
    return staleConnectionResends.sum();
  }

  /** Upstream connections opened. */
  public long upstreamConnections() {
    return upstreamConnections.sum();
  }
}
