package dev.rigging.proxy.config;

import dev.rigging.proxy.route.StringMatch;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import java.util.List;
import java.util.Optional;

/**
 * Envoy's TLS transport socket contexts as {@link TlsSettings}; certificates and keys must be
 * files.
 */
final class TlsTranslator {

  private TlsTranslator() {}

  static TlsSettings.Downstream downstream(
      DownstreamTlsContext context, String path, Problems problems) {
    CommonTlsContext common = context.getCommonTlsContext();
    Optional<TlsSettings.CertificateFiles> certificate =
        certificate(common, path + ".common_tls_context", problems);
    if (certificate.isEmpty()) {
      problems.add(
          path + ".common_tls_context.tls_certificates",
          "a listener needs exactly one certificate");
      return null;
    }
    return new TlsSettings.Downstream(
        certificate.get(),
        trustedCa(common, path, problems),
        context.hasRequireClientCertificate() && context.getRequireClientCertificate().getValue(),
        uriSans(common),
        common.getAlpnProtocolsList());
  }

  static TlsSettings.Upstream upstream(UpstreamTlsContext context, String path, Problems problems) {
    CommonTlsContext common = context.getCommonTlsContext();
    return new TlsSettings.Upstream(
        context.getSni().isEmpty() ? Optional.empty() : Optional.of(context.getSni()),
        certificate(common, path + ".common_tls_context", problems),
        trustedCa(common, path, problems),
        uriSans(common),
        common.getAlpnProtocolsList());
  }

  private static Optional<TlsSettings.CertificateFiles> certificate(
      CommonTlsContext common, String path, Problems problems) {
    if (common.getTlsCertificatesCount() == 0) {
      return Optional.empty();
    }
    if (common.getTlsCertificatesCount() > 1) {
      problems.add(
          path + ".tls_certificates",
          "more than one certificate is not supported by the Rigging proxy");
    }
    var certificate = common.getTlsCertificates(0);
    String chain =
        file(
            certificate.getCertificateChain(),
            path + ".tls_certificates[0].certificate_chain",
            problems);
    String key =
        file(certificate.getPrivateKey(), path + ".tls_certificates[0].private_key", problems);
    return Optional.of(new TlsSettings.CertificateFiles(chain, key));
  }

  private static Optional<String> trustedCa(
      CommonTlsContext common, String path, Problems problems) {
    if (!common.getValidationContext().hasTrustedCa()) {
      return Optional.empty();
    }
    return Optional.of(
        file(
            common.getValidationContext().getTrustedCa(),
            path + ".common_tls_context.validation_context.trusted_ca",
            problems));
  }

  private static List<StringMatch> uriSans(CommonTlsContext common) {
    // The support check admits only san_type URI.
    return common.getValidationContext().getMatchTypedSubjectAltNamesList().stream()
        .map(san -> ProtoValues.stringMatch(san.getMatcher()))
        .toList();
  }

  private static String file(DataSource source, String path, Problems problems) {
    if (!source.hasFilename()) {
      problems.add(path, "only filename is supported by the Rigging proxy (keys never go inline)");
      return "";
    }
    return source.getFilename();
  }
}
