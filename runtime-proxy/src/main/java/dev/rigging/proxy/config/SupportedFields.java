package dev.rigging.proxy.config;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Struct;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.accesslog.v3.AccessLog;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.PathConfigSource;
import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.SubstitutionFormatString;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.access_loggers.stream.v3.StdoutAccessLog;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.envoyproxy.envoy.type.matcher.v3.PathMatcher;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatchAndSubstitute;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table of what the Rigging proxy honours: per message type the fields it reads, per enum type
 * the values it implements, and the {@code Any} types it runs. Anything else that is set in a
 * configuration is refused at load, never ignored.
 */
final class SupportedFields {

  private static final Map<String, Set<String>> FIELDS = new HashMap<>();
  private static final Map<String, Set<String>> ENUM_VALUES = new HashMap<>();
  private static final List<Descriptor> ANY_TYPES =
      List.of(
          Listener.getDescriptor(),
          Cluster.getDescriptor(),
          RouteConfiguration.getDescriptor(),
          HttpConnectionManager.getDescriptor(),
          TlsInspector.getDescriptor(),
          Router.getDescriptor(),
          HTTPFault.getDescriptor(),
          RBAC.getDescriptor(),
          StdoutAccessLog.getDescriptor(),
          DownstreamTlsContext.getDescriptor(),
          UpstreamTlsContext.getDescriptor(),
          HttpProtocolOptions.getDescriptor());
  private static final JsonFormat.TypeRegistry REGISTRY =
      JsonFormat.TypeRegistry.newBuilder().add(ANY_TYPES).build();

  static {
    // Documents and wrappers.
    allow(Bootstrap.getDescriptor(), "node", "static_resources", "admin");
    // Where `rig proxy` binds its admin listener unless --admin says otherwise.
    allow(io.envoyproxy.envoy.config.bootstrap.v3.Admin.getDescriptor(), "address");
    allow(Bootstrap.StaticResources.getDescriptor(), "listeners", "clusters");
    allow(Node.getDescriptor(), "id", "cluster");
    allow(DiscoveryResponse.getDescriptor(), "version_info", "resources", "type_url");
    allow(Duration.getDescriptor(), "seconds", "nanos");
    allow(UInt32Value.getDescriptor(), "value");
    allow(BoolValue.getDescriptor(), "value");
    allow(Struct.getDescriptor(), "fields");
    allow(Value.getDescriptor(), "string_value");
    allow(Metadata.getDescriptor(), "filter_metadata");
    allow(FractionalPercent.getDescriptor(), "numerator", "denominator");
    allowEnum(
        FractionalPercent.DenominatorType.getDescriptor(), "HUNDRED", "TEN_THOUSAND", "MILLION");
    allow(DataSource.getDescriptor(), "filename", "inline_string");
    allow(StringMatcher.getDescriptor(), "exact", "prefix", "suffix", "safe_regex");
    allow(RegexMatcher.getDescriptor(), "regex");
    allow(Address.getDescriptor(), "socket_address");
    allow(SocketAddress.getDescriptor(), "address", "port_value");

    // Listeners and the HTTP connection manager.
    allow(Listener.getDescriptor(), "name", "address", "filter_chains", "listener_filters");
    allow(ListenerFilter.getDescriptor(), "name", "typed_config");
    allow(TlsInspector.getDescriptor());
    allow(FilterChain.getDescriptor(), "name", "filter_chain_match", "filters", "transport_socket");
    allow(FilterChainMatch.getDescriptor(), "server_names");
    allow(Filter.getDescriptor(), "name", "typed_config");
    allow(TransportSocket.getDescriptor(), "name", "typed_config");
    allow(
        HttpConnectionManager.getDescriptor(),
        "stat_prefix",
        "codec_type",
        "normalize_path",
        "merge_slashes",
        "path_with_escaped_slashes_action",
        "forward_client_cert_details",
        "set_current_client_cert_details",
        "access_log",
        "http_filters",
        "route_config",
        "rds");
    allowEnum(HttpConnectionManager.CodecType.getDescriptor(), "AUTO", "HTTP1");
    allowEnum(
        HttpConnectionManager.PathWithEscapedSlashesAction.getDescriptor(),
        "KEEP_UNCHANGED",
        "REJECT_REQUEST",
        "UNESCAPE_AND_REDIRECT",
        "UNESCAPE_AND_FORWARD");
    allowEnum(
        HttpConnectionManager.ForwardClientCertDetails.getDescriptor(),
        "SANITIZE",
        "FORWARD_ONLY",
        "APPEND_FORWARD",
        "SANITIZE_SET",
        "ALWAYS_FORWARD_ONLY");
    allow(HttpConnectionManager.SetCurrentClientCertDetails.getDescriptor(), "uri");
    allow(Rds.getDescriptor(), "config_source", "route_config_name");
    allow(ConfigSource.getDescriptor(), "path_config_source", "resource_api_version");
    allowEnum(ApiVersion.getDescriptor(), "V3");
    allow(PathConfigSource.getDescriptor(), "path");
    allow(HttpFilter.getDescriptor(), "name", "typed_config");
    allow(Router.getDescriptor());
    allow(AccessLog.getDescriptor(), "name", "typed_config");
    allow(StdoutAccessLog.getDescriptor(), "log_format");
    allow(SubstitutionFormatString.getDescriptor(), "json_format");

    // Fault and RBAC filters.
    allow(HTTPFault.getDescriptor(), "delay", "abort");
    allow(FaultDelay.getDescriptor(), "fixed_delay", "percentage");
    allow(FaultAbort.getDescriptor(), "http_status", "percentage");
    allow(RBAC.getDescriptor(), "rules");
    allow(io.envoyproxy.envoy.config.rbac.v3.RBAC.getDescriptor(), "action", "policies");
    allowEnum(io.envoyproxy.envoy.config.rbac.v3.RBAC.Action.getDescriptor(), "ALLOW", "DENY");
    allow(Policy.getDescriptor(), "permissions", "principals");
    allow(
        Permission.getDescriptor(),
        "any",
        "and_rules",
        "or_rules",
        "not_rule",
        "header",
        "url_path");
    allow(Permission.Set.getDescriptor(), "rules");
    allow(Principal.getDescriptor(), "any", "authenticated", "or_ids");
    allow(Principal.Set.getDescriptor(), "ids");
    allow(Principal.Authenticated.getDescriptor(), "principal_name");
    allow(PathMatcher.getDescriptor(), "path");

    // Routes.
    allow(
        RouteConfiguration.getDescriptor(),
        "name",
        "virtual_hosts",
        "ignore_port_in_host_matching");
    allow(VirtualHost.getDescriptor(), "name", "domains", "routes");
    allow(
        Route.getDescriptor(),
        "name",
        "match",
        "route",
        "redirect",
        "direct_response",
        "metadata",
        "typed_per_filter_config",
        "request_headers_to_add",
        "request_headers_to_remove",
        "response_headers_to_add",
        "response_headers_to_remove");
    allow(
        RouteMatch.getDescriptor(),
        "prefix",
        "path",
        "safe_regex",
        "case_sensitive",
        "headers",
        "query_parameters");
    allow(HeaderMatcher.getDescriptor(), "name", "string_match", "present_match", "invert_match");
    allow(QueryParameterMatcher.getDescriptor(), "name", "string_match", "present_match");
    allow(
        RouteAction.getDescriptor(),
        "cluster",
        "weighted_clusters",
        "timeout",
        "retry_policy",
        "request_mirror_policies",
        "prefix_rewrite",
        "regex_rewrite",
        "host_rewrite_literal");
    allow(WeightedCluster.getDescriptor(), "clusters");
    allow(WeightedCluster.ClusterWeight.getDescriptor(), "name", "weight");
    allow(
        RetryPolicy.getDescriptor(),
        "retry_on",
        "num_retries",
        "per_try_timeout",
        "retriable_status_codes",
        "retry_back_off");
    allow(RetryPolicy.RetryBackOff.getDescriptor(), "base_interval", "max_interval");
    allow(RouteAction.RequestMirrorPolicy.getDescriptor(), "cluster", "runtime_fraction");
    allow(RuntimeFractionalPercent.getDescriptor(), "default_value");
    allow(RegexMatchAndSubstitute.getDescriptor(), "pattern", "substitution");
    allow(
        RedirectAction.getDescriptor(),
        "scheme_redirect",
        "https_redirect",
        "host_redirect",
        "port_redirect",
        "path_redirect",
        "prefix_rewrite",
        "response_code",
        "strip_query");
    allowEnum(
        RedirectAction.RedirectResponseCode.getDescriptor(),
        "MOVED_PERMANENTLY",
        "FOUND",
        "SEE_OTHER",
        "TEMPORARY_REDIRECT",
        "PERMANENT_REDIRECT");
    allow(DirectResponseAction.getDescriptor(), "status", "body");
    allow(HeaderValueOption.getDescriptor(), "header", "append_action");
    allowEnum(
        HeaderValueOption.HeaderAppendAction.getDescriptor(),
        "APPEND_IF_EXISTS_OR_ADD",
        "OVERWRITE_IF_EXISTS_OR_ADD");
    allow(HeaderValue.getDescriptor(), "key", "value");

    // Clusters.
    allow(
        Cluster.getDescriptor(),
        "name",
        "type",
        "connect_timeout",
        "lb_policy",
        "load_assignment",
        "circuit_breakers",
        "outlier_detection",
        "transport_socket",
        "typed_extension_protocol_options");
    allowEnum(Cluster.DiscoveryType.getDescriptor(), "STATIC", "STRICT_DNS");
    allowEnum(Cluster.LbPolicy.getDescriptor(), "ROUND_ROBIN", "LEAST_REQUEST", "RANDOM");
    allow(ClusterLoadAssignment.getDescriptor(), "cluster_name", "endpoints");
    allow(LocalityLbEndpoints.getDescriptor(), "lb_endpoints");
    allow(LbEndpoint.getDescriptor(), "endpoint");
    allow(Endpoint.getDescriptor(), "address");
    allow(CircuitBreakers.getDescriptor(), "thresholds");
    allow(
        CircuitBreakers.Thresholds.getDescriptor(),
        "priority",
        "max_connections",
        "max_pending_requests",
        "max_requests",
        "max_retries");
    allowEnum(io.envoyproxy.envoy.config.core.v3.RoutingPriority.getDescriptor(), "DEFAULT");
    allow(
        OutlierDetection.getDescriptor(),
        "consecutive_5xx",
        "interval",
        "base_ejection_time",
        "max_ejection_percent");
    allow(
        HttpProtocolOptions.getDescriptor(),
        "explicit_http_config",
        "common_http_protocol_options");
    allow(
        HttpProtocolOptions.ExplicitHttpConfig.getDescriptor(),
        "http_protocol_options",
        "http2_protocol_options");
    allow(Http1ProtocolOptions.getDescriptor());
    allow(Http2ProtocolOptions.getDescriptor());
    allow(
        io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.getDescriptor(),
        "max_requests_per_connection");

    // TLS.
    allow(DownstreamTlsContext.getDescriptor(), "common_tls_context", "require_client_certificate");
    allow(UpstreamTlsContext.getDescriptor(), "common_tls_context", "sni");
    allow(
        CommonTlsContext.getDescriptor(),
        "tls_certificates",
        "validation_context",
        "alpn_protocols");
    allow(TlsCertificate.getDescriptor(), "certificate_chain", "private_key");
    allow(
        CertificateValidationContext.getDescriptor(),
        "trusted_ca",
        "match_typed_subject_alt_names");
    allow(SubjectAltNameMatcher.getDescriptor(), "san_type", "matcher");
    allowEnum(SubjectAltNameMatcher.SanType.getDescriptor(), "URI");
  }

  private SupportedFields() {}

  private static void allow(Descriptor type, String... fields) {
    for (String field : fields) {
      // A typo here would silently refuse a field the proxy honours; fail at class load instead.
      if (type.findFieldByName(field) == null) {
        throw new IllegalStateException(type.getFullName() + " has no field " + field);
      }
    }
    FIELDS.put(type.getFullName(), Set.of(fields));
  }

  private static void allowEnum(EnumDescriptor type, String... values) {
    for (String value : values) {
      if (type.findValueByName(value) == null) {
        throw new IllegalStateException(type.getFullName() + " has no value " + value);
      }
    }
    ENUM_VALUES.put(type.getFullName(), Set.of(values));
  }

  /** Whether field {@code field} of message type {@code type} is honoured. */
  static boolean isSupportedField(Descriptor type, String field) {
    return FIELDS.getOrDefault(type.getFullName(), Set.of()).contains(field);
  }

  /** Whether {@code value} of enum type {@code type} is implemented. */
  static boolean isSupportedEnumValue(EnumDescriptor type, String value) {
    return ENUM_VALUES.getOrDefault(type.getFullName(), Set.of()).contains(value);
  }

  /** Whether {@code fullName} may appear as an {@code Any}'s {@code @type}. */
  static boolean isSupportedType(String fullName) {
    return REGISTRY.find(fullName) != null;
  }

  /** The descriptors for {@code Any} contents. */
  static JsonFormat.TypeRegistry typeRegistry() {
    return REGISTRY;
  }
}
