package dev.rigging.proxy.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a peer whose chain leads to the mesh CA (by the JDK's PKIX rules, including the TLS client
 * or server extended key usage) and whose SPIFFE ID passes a check.
 *
 * <p>Hostname verification is deliberately absent: SPIFFE peers are identified by the URI SAN, not
 * by DNS names, so the engine and socket variants check the same as the plain ones.
 */
final class SpiffeTrustManager extends X509ExtendedTrustManager {
  private final X509TrustManager pkix;
  private final X509Certificate ca;
  private final Predicate<SpiffeId> accepts;
  private final String expectation;

  /**
   * A trust manager for peers under {@code ca} whose ID passes {@code accepts}.
   *
   * @param ca the mesh CA, the only trust anchor
   * @param accepts which peer IDs to accept
   * @param expectation what {@code accepts} wants, for the error message, e.g. {@code "an ID of
   *     mesh demo"}
   */
  SpiffeTrustManager(X509Certificate ca, Predicate<SpiffeId> accepts, String expectation)
      throws GeneralSecurityException {
    this.pkix = pkixTrusting(ca);
    this.ca = ca;
    this.accepts = accepts;
    this.expectation = expectation;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType);
    checkId(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    pkix.checkServerTrusted(chain, authType);
    checkId(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  /** The mesh CA: servers name it in their certificate request, so clients pick the right cert. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }

  private void checkId(X509Certificate[] chain) throws CertificateException {
    SpiffeId id = SpiffeId.fromCertificate(chain[0]);
    if (!accepts.test(id)) {
      throw new CertificateException("peer " + id + " refused: expected " + expectation);
    }
  }

  private static X509TrustManager pkixTrusting(X509Certificate ca) throws GeneralSecurityException {
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      anchors.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    anchors.setCertificateEntry("mesh-ca", ca);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(anchors);
    for (var manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no PKIX X509TrustManager");
  }
}
