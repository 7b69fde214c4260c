package dev.rigging.proxy.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * A proxy's certificate files as {@link DevCa#ensureLeaf} left them: {@code cert.pem}, {@code
 * key.pem} and {@code ca.pem} in {@code directory}, the certificate directory the emitted Envoy
 * configuration names for the proxy.
 *
 * @param id the SPIFFE ID in the certificate's URI SAN
 * @param directory the proxy's certificate directory
 * @param certificate the certificate in {@code cert.pem}
 * @param issued whether this call wrote new files rather than keeping valid ones
 */
public record LeafCertificate(
    SpiffeId id, Path directory, X509Certificate certificate, boolean issued) {

  /** The proxy's certificate, PEM. */
  public Path certFile() {
    return directory.resolve(DevCa.CERT_FILE);
  }

  /** The proxy's PKCS#8 private key, PEM, mode 0600. */
  public Path keyFile() {
    return directory.resolve(DevCa.KEY_FILE);
  }

  /** The mesh CA's certificate, PEM. */
  public Path caFile() {
    return directory.resolve(DevCa.CA_FILE);
  }
}
