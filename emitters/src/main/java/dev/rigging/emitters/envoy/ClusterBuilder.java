package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.Duration;
import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Protocol;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Target;
import dev.rigging.compiler.ir.TrafficPolicy;
import dev.rigging.source.Span;
import java.util.List;

/**
 * Clusters. Outbound clusters reach another sidecar over mTLS at its inbound port; the caller
 * enforces the callee's limits there (as Istio's DestinationRule does). Inbound clusters reach the
 * local app instances in plain text.
 */
final class ClusterBuilder {
  private static final String DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(1000).toProtoJson();

  private final TlsContexts tls;
  private final String mesh;
  private final Network network;

  ClusterBuilder(TlsContexts tls, String mesh, Network network) {
    this.tls = tls;
    this.mesh = mesh;
    this.network = network;
  }

  /** The cluster through which {@code proxy} reaches {@code target} of {@code callee}. */
  Built outbound(String proxy, Target target, Service callee) {
    String name = Names.outboundCluster(target);
    var policy = callee.policyOf(target);
    String host = network.peerHost(target);
    var cluster =
        Json.object().put("name", name).put("type", isIpLiteral(host) ? "STATIC" : "STRICT_DNS");
    applyPolicy(cluster, policy);
    cluster.set("load_assignment", loadAssignment(name, List.of(endpoint(host, callee.port()))));
    var limits = policy.limits();
    if (limits.anyThreshold()) {
      cluster.set("circuit_breakers", circuitBreakers(limits));
    }
    outlierDetection(cluster, policy);
    cluster.set("typed_extension_protocol_options", protocolOptions(callee.protocol(), limits));
    cluster.set(
        "transport_socket",
        tls.upstream(proxy, callee.name(), Names.sni(target, mesh), callee.protocol().isHttp2()));
    var origins = new Origins().here(targetSpan(target, callee));
    policyOrigins(origins, policy.span());
    origins.at(".load_assignment", callee.span());
    return new Built(cluster, origins);
  }

  /** The cluster of {@code service}'s own app instances behind {@code target}. */
  Built inbound(Service service, Target target) {
    String name = Names.inboundCluster(target);
    var policy = service.policyOf(target);
    var endpoints = service.endpointsOf(target);
    boolean allIps = endpoints.stream().allMatch(e -> isIpLiteral(e.host()));
    // A STATIC cluster takes only IP addresses; instances given by DNS name are resolved.
    var cluster = Json.object().put("name", name).put("type", allIps ? "STATIC" : "STRICT_DNS");
    applyPolicy(cluster, policy);
    var lbEndpoints = endpoints.stream().map(e -> endpoint(e.host(), e.port())).toList();
    cluster.set("load_assignment", loadAssignment(name, lbEndpoints));
    outlierDetection(cluster, policy);
    cluster.set(
        "typed_extension_protocol_options",
        protocolOptions(service.protocol(), TrafficPolicy.Limits.NONE));
    var origins = new Origins().here(targetSpan(target, service));
    policyOrigins(origins, policy.span());
    origins.at(".load_assignment", targetSpan(target, service));
    for (int k = 0; k < endpoints.size(); k++) {
      Endpoint endpoint = endpoints.get(k);
      origins.at(".load_assignment.endpoints[0].lb_endpoints[" + k + "]", endpoint.span());
    }
    return new Built(cluster, origins);
  }

  private static Span targetSpan(Target target, Service service) {
    return target.version().flatMap(service::version).map(v -> v.span()).orElse(service.span());
  }

  private static void policyOrigins(Origins origins, Span policy) {
    origins.at(".connect_timeout", policy);
    origins.at(".lb_policy", policy);
    origins.at(".circuit_breakers", policy);
    origins.at(".outlier_detection", policy);
    origins.at(".typed_extension_protocol_options", policy);
  }

  private static void applyPolicy(ObjectNode cluster, TrafficPolicy policy) {
    cluster.put(
        "connect_timeout",
        policy.connectTimeout().map(Duration::toProtoJson).orElse(DEFAULT_CONNECT_TIMEOUT));
    cluster.put(
        "lb_policy",
        switch (policy.loadBalancer()) {
          case ROUND_ROBIN -> "ROUND_ROBIN";
          case LEAST_REQUEST -> "LEAST_REQUEST";
          case RANDOM -> "RANDOM";
        });
  }

  private static ObjectNode loadAssignment(String cluster, List<ObjectNode> lbEndpoints) {
    var assignment = Json.object().put("cluster_name", cluster);
    var endpoints = Json.array();
    if (!lbEndpoints.isEmpty()) {
      ArrayNode list = Json.array();
      lbEndpoints.forEach(list::add);
      endpoints.add(Json.single("lb_endpoints", list));
    }
    assignment.set("endpoints", endpoints);
    return assignment;
  }

  private static ObjectNode endpoint(String host, int port) {
    var socket = Json.object().put("address", host).put("port_value", port);
    var address = Json.single("address", Json.single("socket_address", socket));
    return Json.single("endpoint", address);
  }

  private static ObjectNode circuitBreakers(TrafficPolicy.Limits limits) {
    var thresholds = Json.object().put("priority", "DEFAULT");
    limits.maxConnections().ifPresent(n -> thresholds.put("max_connections", n));
    limits.maxPendingRequests().ifPresent(n -> thresholds.put("max_pending_requests", n));
    limits.maxRequests().ifPresent(n -> thresholds.put("max_requests", n));
    limits.maxRetries().ifPresent(n -> thresholds.put("max_retries", n));
    return Json.single("thresholds", Json.arrayOf(thresholds));
  }

  private static void outlierDetection(ObjectNode cluster, TrafficPolicy policy) {
    policy
        .outlier()
        .ifPresent(
            outlier -> {
              var node =
                  Json.object()
                      .put("consecutive_5xx", outlier.consecutive5xx())
                      .put("interval", outlier.interval().toProtoJson())
                      .put("base_ejection_time", outlier.baseEjectionTime().toProtoJson())
                      .put(
                          "max_ejection_percent",
                          Fractions.wholePercentRoundedUp(outlier.maxEjected()));
              cluster.set("outlier_detection", node);
            });
  }

  /**
   * The upstream protocol, stated explicitly (HTTP/2 for http2 and grpc services, else HTTP/1.1),
   * and the per-connection request limit, which Envoy keeps with the protocol options.
   */
  private static ObjectNode protocolOptions(Protocol protocol, TrafficPolicy.Limits limits) {
    var options = Json.any(EnvoyTypes.HTTP_PROTOCOL_OPTIONS);
    limits
        .maxRequestsPerConnection()
        .ifPresent(
            n ->
                options.set(
                    "common_http_protocol_options",
                    Json.object().put("max_requests_per_connection", n)));
    String codec = protocol.isHttp2() ? "http2_protocol_options" : "http_protocol_options";
    options.set("explicit_http_config", Json.single(codec, Json.object()));
    return Json.single(EnvoyTypes.HTTP_PROTOCOL_OPTIONS, options);
  }

  /** Whether {@code host} is an IPv4 or IPv6 literal rather than a DNS name. */
  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    int dots = 0;
    int digits = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        if (digits == 0) {
          return false;
        }
        dots++;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        digits++;
      } else {
        return false;
      }
    }
    return dots == 3 && digits > 0;
  }
}
