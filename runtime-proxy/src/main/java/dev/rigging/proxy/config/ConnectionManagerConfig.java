package dev.rigging.proxy.config;

import dev.rigging.proxy.route.RouteTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP connection manager, routes resolved (inline or from the RDS file).
 *
 * @param statPrefix prefix of the manager's statistics
 * @param codec HTTP versions accepted from clients
 * @param normalizePath RFC 3986 normalisation of the path ({@code /./}, {@code /../}) before
 *     routing and RBAC
 * @param mergeSlashes {@code //} collapsed to {@code /}
 * @param escapedSlashesAction what happens to {@code %2F} and {@code %5C} in paths
 * @param forwardClientCert how {@code x-forwarded-client-cert} is handled
 * @param setCurrentClientCertUri whether the peer's URI SAN is put into that header
 * @param httpFilters the HTTP filter chain, router last
 * @param routes the route table
 * @param accessLogJsonFormat the access log line's JSON fields and their Envoy format strings, on
 *     stdout; empty when no log
 */
public record ConnectionManagerConfig(
    String statPrefix,
    DownstreamCodec codec,
    boolean normalizePath,
    boolean mergeSlashes,
    EscapedSlashesAction escapedSlashesAction,
    ForwardClientCert forwardClientCert,
    boolean setCurrentClientCertUri,
    List<HttpFilterConfig> httpFilters,
    RouteTable routes,
    Optional<Map<String, String>> accessLogJsonFormat) {

  public ConnectionManagerConfig {
    Objects.requireNonNull(statPrefix, "statPrefix");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(escapedSlashesAction, "escapedSlashesAction");
    Objects.requireNonNull(forwardClientCert, "forwardClientCert");
    httpFilters = List.copyOf(httpFilters);
    Objects.requireNonNull(routes, "routes");
    accessLogJsonFormat = accessLogJsonFormat.map(Map::copyOf);
  }

  /**
   * Envoy's {@code codec_type}: AUTO (the default) speaks HTTP/1.1 and HTTP/2, HTTP1 only HTTP/1.1.
   */
  public enum DownstreamCodec {
    AUTO,
    HTTP1
  }

  /** Envoy's {@code path_with_escaped_slashes_action}; KEEP_UNCHANGED is Envoy's default. */
  public enum EscapedSlashesAction {
    KEEP_UNCHANGED,
    REJECT_REQUEST,
    UNESCAPE_AND_REDIRECT,
    UNESCAPE_AND_FORWARD
  }

  /** Envoy's {@code forward_client_cert_details}; SANITIZE is Envoy's default. */
  public enum ForwardClientCert {
    SANITIZE,
    FORWARD_ONLY,
    APPEND_FORWARD,
    SANITIZE_SET,
    ALWAYS_FORWARD_ONLY
  }
}
