package dev.rigging.proxy.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An upstream cluster.
 *
 * @param name the cluster's name
 * @param discovery how endpoints are found
 * @param endpoints the endpoints, in order
 * @param lbPolicy how an endpoint is picked
 * @param connectTimeout TCP (and TLS) connect timeout
 * @param thresholds circuit-breaker limits (Envoy's defaults when not configured)
 * @param outlierDetection ejection of failing endpoints, when configured
 * @param tls upstream TLS, when configured
 * @param protocol HTTP/1.1 or HTTP/2 to the endpoints
 * @param maxRequestsPerConnection requests before a connection is closed, when limited
 */
public record ClusterConfig(
    String name,
    Discovery discovery,
    List<HostPort> endpoints,
    LbPolicy lbPolicy,
    Duration connectTimeout,
    Thresholds thresholds,
    Optional<OutlierDetection> outlierDetection,
    Optional<TlsSettings.Upstream> tls,
    UpstreamProtocol protocol,
    Optional<Integer> maxRequestsPerConnection) {

  /** Envoy's connect timeout when none is configured. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public ClusterConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(discovery, "discovery");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(lbPolicy, "lbPolicy");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(outlierDetection, "outlierDetection");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(maxRequestsPerConnection, "maxRequestsPerConnection");
  }

  /** STATIC: addresses as given; STRICT_DNS: names resolved, every address used. */
  public enum Discovery {
    STATIC,
    STRICT_DNS
  }

  /** Endpoint choice. */
  public enum LbPolicy {
    ROUND_ROBIN,
    LEAST_REQUEST,
    RANDOM
  }

  /** The HTTP version spoken to endpoints. */
  public enum UpstreamProtocol {
    HTTP1,
    HTTP2
  }

  /** Circuit-breaker limits at default priority; each defaults as in Envoy. */
  public record Thresholds(
      int maxConnections, int maxPendingRequests, int maxRequests, int maxRetries) {
    public static final Thresholds ENVOY_DEFAULTS = new Thresholds(1024, 1024, 1024, 3);
  }

  /** Outlier detection on consecutive 5xx; each field defaults as in Envoy. */
  public record OutlierDetection(
      int consecutive5xx, Duration interval, Duration baseEjectionTime, int maxEjectionPercent) {
    public static final OutlierDetection ENVOY_DEFAULTS =
        new OutlierDetection(5, Duration.ofSeconds(10), Duration.ofSeconds(30), 10);

    public OutlierDetection {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(baseEjectionTime, "baseEjectionTime");
    }
  }
}
