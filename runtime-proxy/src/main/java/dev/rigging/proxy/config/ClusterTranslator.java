package dev.rigging.proxy.config;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Envoy's {@code Cluster} as {@link ClusterConfig}. */
final class ClusterTranslator {

  static final String TLS_SOCKET = "envoy.transport_sockets.tls";
  private static final String PROTOCOL_OPTIONS =
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private ClusterTranslator() {}

  static ClusterConfig translate(Cluster cluster, String path, Problems problems) {
    // Unset is Envoy's default STATIC, which is also the proto3 zero value.
    ClusterConfig.Discovery discovery =
        cluster.getType() == Cluster.DiscoveryType.STRICT_DNS
            ? ClusterConfig.Discovery.STRICT_DNS
            : ClusterConfig.Discovery.STATIC;
    List<HostPort> endpoints = new ArrayList<>();
    cluster
        .getLoadAssignment()
        .getEndpointsList()
        .forEach(
            locality ->
                locality
                    .getLbEndpointsList()
                    .forEach(
                        lb -> {
                          var address = lb.getEndpoint().getAddress().getSocketAddress();
                          endpoints.add(new HostPort(address.getAddress(), address.getPortValue()));
                        }));
    ClusterConfig.LbPolicy lbPolicy =
        switch (cluster.getLbPolicy()) {
          case LEAST_REQUEST -> ClusterConfig.LbPolicy.LEAST_REQUEST;
          case RANDOM -> ClusterConfig.LbPolicy.RANDOM;
          default -> ClusterConfig.LbPolicy.ROUND_ROBIN;
        };
    ClusterConfig.UpstreamProtocol protocol = ClusterConfig.UpstreamProtocol.HTTP1;
    Optional<Integer> maxRequests = Optional.empty();
    for (Map.Entry<String, Any> option : cluster.getTypedExtensionProtocolOptionsMap().entrySet()) {
      String optionPath = path + ".typed_extension_protocol_options[\"" + option.getKey() + "\"]";
      if (!option.getKey().equals(PROTOCOL_OPTIONS)
          || !option.getValue().is(HttpProtocolOptions.class)) {
        problems.add(optionPath, "only " + PROTOCOL_OPTIONS + " is supported by the Rigging proxy");
        continue;
      }
      HttpProtocolOptions options = unpack(option.getValue(), HttpProtocolOptions.class);
      if (options.getExplicitHttpConfig().hasHttp2ProtocolOptions()) {
        protocol = ClusterConfig.UpstreamProtocol.HTTP2;
      }
      if (options.getCommonHttpProtocolOptions().hasMaxRequestsPerConnection()) {
        maxRequests =
            Optional.of(
                options.getCommonHttpProtocolOptions().getMaxRequestsPerConnection().getValue());
      }
    }
    Optional<TlsSettings.Upstream> tls = Optional.empty();
    if (cluster.hasTransportSocket()) {
      var socket = cluster.getTransportSocket();
      if (!socket.getName().equals(TLS_SOCKET)
          || !socket.getTypedConfig().is(UpstreamTlsContext.class)) {
        problems.add(
            path + ".transport_socket",
            "only " + TLS_SOCKET + " with UpstreamTlsContext is supported");
      } else {
        tls =
            Optional.of(
                TlsTranslator.upstream(
                    unpack(socket.getTypedConfig(), UpstreamTlsContext.class),
                    path + ".transport_socket.typed_config",
                    problems));
      }
    }
    return new ClusterConfig(
        cluster.getName(),
        discovery,
        endpoints,
        lbPolicy,
        cluster.hasConnectTimeout()
            ? ProtoValues.duration(cluster.getConnectTimeout())
            : ClusterConfig.DEFAULT_CONNECT_TIMEOUT,
        thresholds(cluster, path, problems),
        outlier(cluster),
        tls,
        protocol,
        maxRequests);
  }

  private static ClusterConfig.Thresholds thresholds(
      Cluster cluster, String path, Problems problems) {
    var defaults = ClusterConfig.Thresholds.ENVOY_DEFAULTS;
    var all = cluster.getCircuitBreakers().getThresholdsList();
    if (all.isEmpty()) {
      return defaults;
    }
    if (all.size() > 1 || all.get(0).getPriority() != RoutingPriority.DEFAULT) {
      problems.add(
          path + ".circuit_breakers.thresholds",
          "only one DEFAULT-priority threshold is supported");
    }
    var t = all.get(0);
    return new ClusterConfig.Thresholds(
        t.hasMaxConnections() ? t.getMaxConnections().getValue() : defaults.maxConnections(),
        t.hasMaxPendingRequests()
            ? t.getMaxPendingRequests().getValue()
            : defaults.maxPendingRequests(),
        t.hasMaxRequests() ? t.getMaxRequests().getValue() : defaults.maxRequests(),
        t.hasMaxRetries() ? t.getMaxRetries().getValue() : defaults.maxRetries());
  }

  private static Optional<ClusterConfig.OutlierDetection> outlier(Cluster cluster) {
    if (!cluster.hasOutlierDetection()) {
      return Optional.empty();
    }
    var o = cluster.getOutlierDetection();
    var defaults = ClusterConfig.OutlierDetection.ENVOY_DEFAULTS;
    return Optional.of(
        new ClusterConfig.OutlierDetection(
            o.hasConsecutive5Xx() ? o.getConsecutive5Xx().getValue() : defaults.consecutive5xx(),
            o.hasInterval() ? ProtoValues.duration(o.getInterval()) : defaults.interval(),
            o.hasBaseEjectionTime()
                ? ProtoValues.duration(o.getBaseEjectionTime())
                : defaults.baseEjectionTime(),
            o.hasMaxEjectionPercent()
                ? o.getMaxEjectionPercent().getValue()
                : defaults.maxEjectionPercent()));
  }

  static <T extends com.google.protobuf.Message> T unpack(Any any, Class<T> type) {
    try {
      return any.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("already parsed once from JSON", e);
    }
  }
}
