package dev.rigging.proxy.config;

import com.google.protobuf.Any;
import com.google.protobuf.Value;
import dev.rigging.proxy.log.AccessLogFormatter;
import dev.rigging.proxy.route.RouteTable;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.access_loggers.stream.v3.StdoutAccessLog;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Envoy's {@code Listener} as {@link ListenerConfig}, each chain being one HTTP connection manager.
 */
final class ListenerTranslator {

  /** Looks up the route table an HCM names by RDS, adding a problem when there is none. */
  @FunctionalInterface
  interface RdsResolver {
    RouteTable resolve(Rds rds, String path, Problems problems);
  }

  private static final String HCM = "envoy.filters.network.http_connection_manager";

  private ListenerTranslator() {}

  static ListenerConfig translate(
      Listener listener, String path, RdsResolver rds, Problems problems) {
    boolean tlsInspector = false;
    for (int i = 0; i < listener.getListenerFiltersCount(); i++) {
      if (listener.getListenerFilters(i).getTypedConfig().is(TlsInspector.class)) {
        tlsInspector = true;
      } else {
        problems.add(
            path + ".listener_filters[" + i + "]",
            "only the TLS inspector is supported by the Rigging proxy");
      }
    }
    List<ListenerConfig.FilterChain> chains = new ArrayList<>();
    for (int c = 0; c < listener.getFilterChainsCount(); c++) {
      var chain = listener.getFilterChains(c);
      String chainPath = path + ".filter_chains[" + c + "]";
      Optional<TlsSettings.Downstream> tls = Optional.empty();
      if (chain.hasTransportSocket()) {
        if (!chain.getTransportSocket().getTypedConfig().is(DownstreamTlsContext.class)) {
          problems.add(
              chainPath + ".transport_socket",
              "only DownstreamTlsContext is supported by the Rigging proxy");
        } else {
          DownstreamTlsContext context =
              ClusterTranslator.unpack(
                  chain.getTransportSocket().getTypedConfig(), DownstreamTlsContext.class);
          tls =
              Optional.ofNullable(
                  TlsTranslator.downstream(
                      context, chainPath + ".transport_socket.typed_config", problems));
        }
      }
      if (chain.getFiltersCount() != 1
          || !chain.getFilters(0).getTypedConfig().is(HttpConnectionManager.class)) {
        problems.add(
            chainPath + ".filters", "exactly one " + HCM + " is what the Rigging proxy runs");
        continue;
      }
      ConnectionManagerConfig manager =
          connectionManager(
              ClusterTranslator.unpack(
                  chain.getFilters(0).getTypedConfig(), HttpConnectionManager.class),
              chainPath + ".filters[0].typed_config",
              rds,
              problems);
      if (manager != null) {
        chains.add(
            new ListenerConfig.FilterChain(
                chain.getName(), chain.getFilterChainMatch().getServerNamesList(), tls, manager));
      }
    }
    var address = listener.getAddress().getSocketAddress();
    return new ListenerConfig(
        listener.getName(),
        new HostPort(address.getAddress(), address.getPortValue()),
        tlsInspector,
        chains);
  }

  private static ConnectionManagerConfig connectionManager(
      HttpConnectionManager hcm, String path, RdsResolver rds, Problems problems) {
    RouteTable routes =
        switch (hcm.getRouteSpecifierCase()) {
          case ROUTE_CONFIG ->
              RouteConfigTranslator.translate(
                  hcm.getRouteConfig(), path + ".route_config", problems);
          case RDS -> rds.resolve(hcm.getRds(), path + ".rds", problems);
          default -> {
            problems.add(path, "route_config or rds is needed by the Rigging proxy");
            yield null;
          }
        };
    List<HttpFilterConfig> filters = httpFilters(hcm, path, problems);
    Optional<Map<String, String>> accessLog = accessLog(hcm, path, problems);
    if (routes == null) {
      return null;
    }
    return new ConnectionManagerConfig(
        hcm.getStatPrefix(),
        hcm.getCodecType() == HttpConnectionManager.CodecType.HTTP1
            ? ConnectionManagerConfig.DownstreamCodec.HTTP1
            : ConnectionManagerConfig.DownstreamCodec.AUTO,
        hcm.hasNormalizePath() && hcm.getNormalizePath().getValue(),
        hcm.getMergeSlashes(),
        switch (hcm.getPathWithEscapedSlashesAction()) {
          case REJECT_REQUEST -> ConnectionManagerConfig.EscapedSlashesAction.REJECT_REQUEST;
          case UNESCAPE_AND_REDIRECT ->
              ConnectionManagerConfig.EscapedSlashesAction.UNESCAPE_AND_REDIRECT;
          case UNESCAPE_AND_FORWARD ->
              ConnectionManagerConfig.EscapedSlashesAction.UNESCAPE_AND_FORWARD;
          default -> ConnectionManagerConfig.EscapedSlashesAction.KEEP_UNCHANGED;
        },
        ConnectionManagerConfig.ForwardClientCert.valueOf(hcm.getForwardClientCertDetails().name()),
        hcm.getSetCurrentClientCertDetails().getUri(),
        filters,
        routes,
        accessLog);
  }

  private static List<HttpFilterConfig> httpFilters(
      HttpConnectionManager hcm, String path, Problems problems) {
    List<HttpFilterConfig> filters = new ArrayList<>();
    for (int i = 0; i < hcm.getHttpFiltersCount(); i++) {
      var filter = hcm.getHttpFilters(i);
      String filterPath = path + ".http_filters[" + i + "]";
      Any config = filter.getTypedConfig();
      if (config.is(RBAC.class)) {
        RbacRules rules =
            RbacTranslator.translate(
                ClusterTranslator.unpack(config, RBAC.class),
                filterPath + ".typed_config",
                problems);
        if (rules != null) {
          filters.add(new HttpFilterConfig.Rbac(filter.getName(), rules));
        }
      } else if (config.is(HTTPFault.class)) {
        HTTPFault fault = ClusterTranslator.unpack(config, HTTPFault.class);
        filters.add(
            new HttpFilterConfig.Fault(
                filter.getName(),
                fault.hasDelay() || fault.hasAbort()
                    ? Optional.of(RouteConfigTranslator.fault(fault))
                    : Optional.empty()));
      } else if (config.is(Router.class)) {
        filters.add(new HttpFilterConfig.Router(filter.getName()));
      } else {
        problems.add(
            filterPath, "filter " + filter.getName() + " is not supported by the Rigging proxy");
      }
    }
    if (filters.isEmpty()
        || !(filters.get(filters.size() - 1) instanceof HttpFilterConfig.Router)
        || filters.stream().filter(f -> f instanceof HttpFilterConfig.Router).count() != 1) {
      problems.add(
          path + ".http_filters", "the router must be the last HTTP filter, and only once");
    }
    return filters;
  }

  private static Optional<Map<String, String>> accessLog(
      HttpConnectionManager hcm, String path, Problems problems) {
    if (hcm.getAccessLogCount() == 0) {
      return Optional.empty();
    }
    if (hcm.getAccessLogCount() > 1
        || !hcm.getAccessLog(0).getTypedConfig().is(StdoutAccessLog.class)) {
      problems.add(
          path + ".access_log", "only one stdout access log is supported by the Rigging proxy");
      return Optional.empty();
    }
    var format =
        ClusterTranslator.unpack(hcm.getAccessLog(0).getTypedConfig(), StdoutAccessLog.class)
            .getLogFormat()
            .getJsonFormat()
            .getFieldsMap();
    Map<String, String> fields = new HashMap<>();
    format.forEach((name, value) -> fields.put(name, value.getStringValue()));
    if (format.values().stream().anyMatch(v -> v.getKindCase() != Value.KindCase.STRING_VALUE)) {
      problems.add(path + ".access_log[0]", "only string fields are supported in json_format");
    }
    // Operators the formatter cannot fill are refused now, not logged as "-" forever after.
    AccessLogFormatter.problems(fields)
        .forEach(
            (key, problem) ->
                problems.add(
                    path + ".access_log[0].typed_config.log_format.json_format." + key, problem));
    return Optional.of(fields);
  }
}
