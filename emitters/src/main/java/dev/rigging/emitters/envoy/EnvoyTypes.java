package dev.rigging.emitters.envoy;

/** Fully qualified names of the Envoy v3 messages packed into {@code Any}s, and extension names. */
final class EnvoyTypes {
  private EnvoyTypes() {}

  static final String LISTENER = "envoy.config.listener.v3.Listener";
  static final String CLUSTER = "envoy.config.cluster.v3.Cluster";
  static final String ROUTE_CONFIGURATION = "envoy.config.route.v3.RouteConfiguration";

  static final String HTTP_CONNECTION_MANAGER =
      "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
  static final String TLS_INSPECTOR =
      "envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector";
  static final String DOWNSTREAM_TLS_CONTEXT =
      "envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext";
  static final String UPSTREAM_TLS_CONTEXT =
      "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext";
  static final String STDOUT_ACCESS_LOG =
      "envoy.extensions.access_loggers.stream.v3.StdoutAccessLog";
  static final String RBAC = "envoy.extensions.filters.http.rbac.v3.RBAC";
  static final String HTTP_FAULT = "envoy.extensions.filters.http.fault.v3.HTTPFault";
  static final String ROUTER = "envoy.extensions.filters.http.router.v3.Router";
  static final String HTTP_PROTOCOL_OPTIONS =
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  // Extension names: the fault filter's must match the key of the per-route config.
  static final String HCM_FILTER = "envoy.filters.network.http_connection_manager";
  static final String TLS_INSPECTOR_FILTER = "envoy.filters.listener.tls_inspector";
  static final String TLS_TRANSPORT_SOCKET = "envoy.transport_sockets.tls";
  static final String STDOUT_LOGGER = "envoy.access_loggers.stdout";
  static final String FAULT_FILTER = "envoy.filters.http.fault";
  static final String ROUTER_FILTER = "envoy.filters.http.router";
  static final String RBAC_DENY_FILTER = "rigging.authz.deny";
  static final String RBAC_ALLOW_FILTER = "rigging.authz.allow";

  static String url(String messageType) {
    return "type.googleapis.com/" + messageType;
  }
}
