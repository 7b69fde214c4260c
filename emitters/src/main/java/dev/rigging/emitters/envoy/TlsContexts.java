package dev.rigging.emitters.envoy;

import java.util.List;

/**
 * Mutual TLS between sidecars. Every proxy presents its own certificate (SPIFFE ID {@code
 * spiffe://<mesh>/<proxy>}) and trusts the mesh CA; the callee accepts any identity of the mesh
 * (authz narrows it), the caller accepts only the identity of the service it meant to reach.
 */
final class TlsContexts {
  private final EnvoyOptions options;
  private final String mesh;

  TlsContexts(EnvoyOptions options, String mesh) {
    this.options = options;
    this.mesh = mesh;
  }

  /** The inbound transport socket of sidecar {@code proxy}. */
  Fragment downstream(String proxy) {
    return Fragment.of(
        out -> {
          socketStart(out).beginAny(EnvoyTypes.DOWNSTREAM_TLS_CONTEXT);
          common(out.name("common_tls_context"), proxy, "prefix", "spiffe://" + mesh + "/");
          out.name("alpn_protocols").strings(List.of("h2", "http/1.1")).endObject();
          out.field("require_client_certificate", true);
          out.endObject().endObject();
        });
  }

  /**
   * Writes the transport socket {@code proxy} uses to reach {@code workload}'s sidecar: the SNI
   * selects the callee's filter chain, the SAN check proves the callee is {@code workload}.
   */
  void upstream(CompactJson out, String proxy, String workload, String sni, boolean http2) {
    socketStart(out).beginAny(EnvoyTypes.UPSTREAM_TLS_CONTEXT);
    common(out.name("common_tls_context"), proxy, "exact", "spiffe://" + mesh + "/" + workload);
    out.name("alpn_protocols").strings(List.of(http2 ? "h2" : "http/1.1")).endObject();
    out.field("sni", sni);
    out.endObject().endObject();
  }

  /** Opens the common TLS context and writes all of it but its ALPN protocols. */
  private void common(CompactJson out, String proxy, String sanMatch, String san) {
    out.beginObject().name("tls_certificates").beginArray().beginObject();
    out.name("certificate_chain").single("filename", options.certFile(proxy, "cert.pem"));
    out.name("private_key").single("filename", options.certFile(proxy, "key.pem"));
    out.endObject().endArray();
    out.name("validation_context").beginObject();
    out.name("trusted_ca").single("filename", options.certFile(proxy, "ca.pem"));
    out.name("match_typed_subject_alt_names").beginArray();
    out.beginObject().field("san_type", "URI").name("matcher").single(sanMatch, san).endObject();
    out.endArray().endObject();
  }

  /** Opens the socket object and names its typed config, which the caller writes and closes. */
  private static CompactJson socketStart(CompactJson out) {
    return out.beginObject().field("name", EnvoyTypes.TLS_TRANSPORT_SOCKET).name("typed_config");
  }
}
