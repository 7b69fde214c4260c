package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
  ObjectNode downstream(String proxy) {
    var common = common(proxy, "prefix", "spiffe://" + mesh + "/");
    common.set("alpn_protocols", Json.strings(List.of("h2", "http/1.1")));
    var context = Json.any(EnvoyTypes.DOWNSTREAM_TLS_CONTEXT);
    context.set("common_tls_context", common);
    context.put("require_client_certificate", true);
    return socket(context);
  }

  /**
   * The transport socket {@code proxy} uses to reach {@code workload}'s sidecar: the SNI selects
   * the callee's filter chain, the SAN check proves the callee is {@code workload}.
   */
  ObjectNode upstream(String proxy, String workload, String sni, boolean http2) {
    var common = common(proxy, "exact", "spiffe://" + mesh + "/" + workload);
    common.set("alpn_protocols", Json.strings(List.of(http2 ? "h2" : "http/1.1")));
    var context = Json.any(EnvoyTypes.UPSTREAM_TLS_CONTEXT);
    context.set("common_tls_context", common);
    context.put("sni", sni);
    return socket(context);
  }

  private ObjectNode common(String proxy, String sanMatch, String san) {
    var certificate = Json.object();
    certificate.set("certificate_chain", Json.file(options.certFile(proxy, "cert.pem")));
    certificate.set("private_key", Json.file(options.certFile(proxy, "key.pem")));
    var subjectAltName = Json.object().put("san_type", "URI");
    subjectAltName.set("matcher", Json.single(sanMatch, san));
    var validation = Json.single("trusted_ca", Json.file(options.certFile(proxy, "ca.pem")));
    validation.set("match_typed_subject_alt_names", Json.arrayOf(subjectAltName));
    var common = Json.single("tls_certificates", Json.arrayOf(certificate));
    common.set("validation_context", validation);
    return common;
  }

  private static ObjectNode socket(ObjectNode context) {
    var socket = Json.object().put("name", EnvoyTypes.TLS_TRANSPORT_SOCKET);
    socket.set("typed_config", context);
    return socket;
  }
}
