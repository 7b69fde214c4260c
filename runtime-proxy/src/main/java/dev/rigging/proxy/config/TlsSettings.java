package dev.rigging.proxy.config;

import dev.rigging.proxy.route.StringMatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** TLS settings of a listener's filter chain (downstream) or a cluster (upstream), by file path. */
public sealed interface TlsSettings {

  /** The proxy's own certificate chain and private key, as PEM files. */
  record CertificateFiles(String certificateChain, String privateKey) {
    public CertificateFiles {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  /**
   * Terminates TLS from clients.
   *
   * @param certificate the proxy's certificate
   * @param trustedCa CA file peers' certificates are verified against, when set
   * @param requireClientCertificate whether a client without a certificate is refused
   * @param uriSanMatchers a peer is accepted when one of its URI SANs matches one of these (none:
   *     any)
   * @param alpnProtocols protocols offered by ALPN, in preference order
   */
  record Downstream(
      CertificateFiles certificate,
      Optional<String> trustedCa,
      boolean requireClientCertificate,
      List<StringMatch> uriSanMatchers,
      List<String> alpnProtocols)
      implements TlsSettings {
    public Downstream {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(trustedCa, "trustedCa");
      uriSanMatchers = List.copyOf(uriSanMatchers);
      alpnProtocols = List.copyOf(alpnProtocols);
    }
  }

  /**
   * Originates TLS to upstream hosts.
   *
   * @param sni server name sent, or empty for none
   * @param certificate client certificate presented, when set
   * @param trustedCa CA file the server's certificate is verified against, when set
   * @param uriSanMatchers the server is accepted when one of its URI SANs matches one of these
   *     (none: any)
   * @param alpnProtocols protocols offered by ALPN
   */
  record Upstream(
      Optional<String> sni,
      Optional<CertificateFiles> certificate,
      Optional<String> trustedCa,
      List<StringMatch> uriSanMatchers,
      List<String> alpnProtocols)
      implements TlsSettings {
    public Upstream {
      Objects.requireNonNull(sni, "sni");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(trustedCa, "trustedCa");
      uriSanMatchers = List.copyOf(uriSanMatchers);
      alpnProtocols = List.copyOf(alpnProtocols);
    }
  }
}
