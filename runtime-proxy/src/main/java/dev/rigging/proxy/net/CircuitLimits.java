package dev.rigging.proxy.net;

/**
 * Circuit-breaker limits of one upstream cluster, counted across every worker as Envoy's are.
 *
 * @param maxConnections open connections to all of the cluster's hosts
 * @param maxPending requests waiting for a connection; beyond it they overflow with 503
 * @param maxRequests requests in flight to the cluster; beyond it they overflow with 503
 * @param maxRetries retries in flight to the cluster; beyond it a retry is not attempted
 */
public record CircuitLimits(int maxConnections, int maxPending, int maxRequests, int maxRetries) {

  /** Envoy's defaults: 1024 of each, 3 retries. */
  public static final CircuitLimits ENVOY_DEFAULTS = new CircuitLimits(1024, 1024, 1024, 3);

  public CircuitLimits {
    if (maxConnections <= 0 || maxPending < 0 || maxRequests <= 0 || maxRetries < 0) {
      throw new IllegalArgumentException(
          "circuit limits must be positive: connections and requests > 0, others >= 0");
    }
  }
}
