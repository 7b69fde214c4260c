package dev.rigging.emitters.envoy;

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
    var origins = new Origins().here(targetSpan(target, callee));
    policyOrigins(origins, callee.policyOf(target).span());
    origins.at(".load_assignment", callee.span());
    return new Built(out -> writeOutbound(out, proxy, target, callee), origins);
  }

  private void writeOutbound(CompactJson out, String proxy, Target target, Service callee) {
    String name = Names.outboundCluster(target);
    var policy = callee.policyOf(target);
    String host = network.peerHost(target);
    out.beginObject()
        .field("name", name)
        .field("type", isIpLiteral(host) ? "STATIC" : "STRICT_DNS");
    applyPolicy(out, policy);
    out.name("load_assignment");
    loadAssignment(out, name, List.of(new Endpoint(host, callee.port(), callee.span())));
    var limits = policy.limits();
    if (limits.anyThreshold()) {
      circuitBreakers(out.name("circuit_breakers"), limits);
    }
    outlierDetection(out, policy);
    protocolOptions(out.name("typed_extension_protocol_options"), callee.protocol(), limits);
    tls.upstream(
        out.name("transport_socket"),
        proxy,
        callee.name(),
        Names.sni(target, mesh),
        callee.protocol().isHttp2());
    out.endObject();
  }

  /** The cluster of {@code service}'s own app instances behind {@code target}. */
  Built inbound(Service service, Target target) {
    var policy = service.policyOf(target);
    var endpoints = service.endpointsOf(target);
    var origins = new Origins().here(targetSpan(target, service));
    policyOrigins(origins, policy.span());
    origins.at(".load_assignment", targetSpan(target, service));
    for (int k = 0; k < endpoints.size(); k++) {
      Endpoint endpoint = endpoints.get(k);
      origins.at(".load_assignment.endpoints[0].lb_endpoints[" + k + "]", endpoint.span());
    }
    return new Built(out -> writeInbound(out, service, target), origins);
  }

  private static void writeInbound(CompactJson out, Service service, Target target) {
    String name = Names.inboundCluster(target);
    var policy = service.policyOf(target);
    var endpoints = service.endpointsOf(target);
    boolean allIps = endpoints.stream().allMatch(e -> isIpLiteral(e.host()));
    // A STATIC cluster takes only IP addresses; instances given by DNS name are resolved.
    out.beginObject().field("name", name).field("type", allIps ? "STATIC" : "STRICT_DNS");
    applyPolicy(out, policy);
    loadAssignment(out.name("load_assignment"), name, endpoints);
    outlierDetection(out, policy);
    protocolOptions(
        out.name("typed_extension_protocol_options"),
        service.protocol(),
        TrafficPolicy.Limits.NONE);
    out.endObject();
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

  private static void applyPolicy(CompactJson cluster, TrafficPolicy policy) {
    cluster.field(
        "connect_timeout",
        policy.connectTimeout().map(Duration::toProtoJson).orElse(DEFAULT_CONNECT_TIMEOUT));
    cluster.field(
        "lb_policy",
        switch (policy.loadBalancer()) {
          case ROUND_ROBIN -> "ROUND_ROBIN";
          case LEAST_REQUEST -> "LEAST_REQUEST";
          case RANDOM -> "RANDOM";
        });
  }

  private static void loadAssignment(CompactJson out, String cluster, List<Endpoint> endpoints) {
    out.beginObject().field("cluster_name", cluster).name("endpoints").beginArray();
    if (!endpoints.isEmpty()) {
      out.beginObject().name("lb_endpoints").beginArray();
      for (Endpoint endpoint : endpoints) {
        endpoint(out, endpoint.host(), endpoint.port());
      }
      out.endArray().endObject();
    }
    out.endArray().endObject();
  }

  private static void endpoint(CompactJson out, String host, int port) {
    out.beginObject().name("endpoint").beginObject().name("address").beginObject();
    out.name("socket_address").beginObject().field("address", host).field("port_value", port);
    out.endObject().endObject().endObject().endObject();
  }

  private static void circuitBreakers(CompactJson out, TrafficPolicy.Limits limits) {
    out.beginObject().name("thresholds").beginArray();
    out.beginObject().field("priority", "DEFAULT");
    limits.maxConnections().ifPresent(n -> out.field("max_connections", n));
    limits.maxPendingRequests().ifPresent(n -> out.field("max_pending_requests", n));
    limits.maxRequests().ifPresent(n -> out.field("max_requests", n));
    limits.maxRetries().ifPresent(n -> out.field("max_retries", n));
    out.endObject().endArray().endObject();
  }

  private static void outlierDetection(CompactJson cluster, TrafficPolicy policy) {
    policy
        .outlier()
        .ifPresent(
            outlier ->
                cluster
                    .name("outlier_detection")
                    .beginObject()
                    .field("consecutive_5xx", outlier.consecutive5xx())
                    .field("interval", outlier.interval().toProtoJson())
                    .field("base_ejection_time", outlier.baseEjectionTime().toProtoJson())
                    .field(
                        "max_ejection_percent",
                        Fractions.wholePercentRoundedUp(outlier.maxEjected()))
                    .endObject());
  }

  /**
   * The upstream protocol, stated explicitly (HTTP/2 for http2 and grpc services, else HTTP/1.1),
   * and the per-connection request limit, which Envoy keeps with the protocol options.
   */
  private static void protocolOptions(
      CompactJson out, Protocol protocol, TrafficPolicy.Limits limits) {
    out.beginObject().name(EnvoyTypes.HTTP_PROTOCOL_OPTIONS);
    out.beginAny(EnvoyTypes.HTTP_PROTOCOL_OPTIONS);
    limits
        .maxRequestsPerConnection()
        .ifPresent(
            n ->
                out.name("common_http_protocol_options")
                    .beginObject()
                    .field("max_requests_per_connection", n)
                    .endObject());
    String codec = protocol.isHttp2() ? "http2_protocol_options" : "http_protocol_options";
    out.name("explicit_http_config").beginObject().name(codec).beginObject().endObject();
    out.endObject(); // explicit_http_config
    out.endObject(); // the Any
    out.endObject();
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
