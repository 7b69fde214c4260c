package dev.rigging.proxy.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

/**
 * Netty TLS contexts for mesh traffic, built from a proxy's certificate directory ({@code
 * cert.pem}, {@code key.pem}, {@code ca.pem}), with the checks the emitted Envoy transport sockets
 * make:
 *
 * <ul>
 *   <li>inbound ({@link #server}): a client certificate is required, must chain to the mesh CA, and
 *       must carry a SPIFFE ID of the same mesh, {@code spiffe://<mesh>/...};
 *   <li>outbound ({@link #client}): the proxy presents its certificate, sends the target's SNI, and
 *       accepts only a server chaining to the mesh CA whose SPIFFE ID is exactly the expected one.
 * </ul>
 *
 * <p>A context reads the files once; after {@link DevCa} renews them, build a new one.
 */
public final class MeshTls {
  /** The versions Envoy's defaults accept too; nothing older. */
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private MeshTls() {}

  /**
   * The inbound context of a proxy whose certificates are in {@code certDir}, accepting callers of
   * {@code mesh} only.
   *
   * @throws IOException when the files are missing or unreadable
   */
  public static SslContext server(Path certDir, String mesh) throws IOException {
    return server(TlsEngine.preferred(), certDir, mesh);
  }

  /** {@link #server(Path, String)} on the given engine. */
  public static SslContext server(TlsEngine engine, Path certDir, String mesh) throws IOException {
    // Validates the mesh name as a trust domain.
    new SpiffeId(mesh, "any");
    try {
      var trust =
          new SpiffeTrustManager(
              caOf(certDir),
              id -> id.trustDomain().equals(mesh),
              "an ID of mesh " + mesh + " (spiffe://" + mesh + "/...)");
      return SslContextBuilder.forServer(
              certDir.resolve(DevCa.CERT_FILE).toFile(), certDir.resolve(DevCa.KEY_FILE).toFile())
          .sslProvider(engine.provider())
          .trustManager(trust)
          .clientAuth(ClientAuth.REQUIRE)
          .protocols(PROTOCOLS)
          .build();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // Netty reports unreadable PEM files as IllegalArgumentException.
      throw new IOException("cannot build the inbound TLS context from " + certDir, e);
    }
  }

  /**
   * The outbound context of a proxy whose certificates are in {@code certDir}, for connections to
   * the server {@code expectedServer} reached by the SNI {@code serverName} (for a target {@code
   * V.S.M} or {@code S.M}). Handlers from {@link
   * SslContext#newHandler(io.netty.buffer.ByteBufAllocator)} send that SNI.
   *
   * @throws IOException when the files are missing or unreadable
   * @throws IllegalArgumentException when {@code serverName} is not a valid SNI host name
   */
  public static SslContext client(Path certDir, SpiffeId expectedServer, String serverName)
      throws IOException {
    return client(TlsEngine.preferred(), certDir, expectedServer, serverName);
  }

  /** {@link #client(Path, SpiffeId, String)} on the given engine. */
  public static SslContext client(
      TlsEngine engine, Path certDir, SpiffeId expectedServer, String serverName)
      throws IOException {
    // Outside the try: a bad name is the caller's mistake, not a problem with the files.
    var sni = new SNIHostName(serverName);
    try {
      var trust =
          new SpiffeTrustManager(caOf(certDir), expectedServer::equals, expectedServer.uri());
      return SslContextBuilder.forClient()
          .sslProvider(engine.provider())
          .keyManager(
              certDir.resolve(DevCa.CERT_FILE).toFile(), certDir.resolve(DevCa.KEY_FILE).toFile())
          .trustManager(trust)
          // Netty 4.2 verifies host names by default; SPIFFE identifies by URI SAN instead.
          .endpointIdentificationAlgorithm(null)
          .serverName(sni)
          .protocols(PROTOCOLS)
          .build();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("cannot build the outbound TLS context from " + certDir, e);
    }
  }

  /**
   * The verified SPIFFE ID of the peer of a connection whose handshake has completed: the principal
   * RBAC matches.
   *
   * @throws SSLPeerUnverifiedException before the handshake completes, or when the peer sent no
   *     certificate with a SPIFFE ID
   */
  public static SpiffeId peerId(SslHandler handler) throws SSLPeerUnverifiedException {
    Certificate[] chain = handler.engine().getSession().getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new SSLPeerUnverifiedException("the peer presented no X.509 certificate");
    }
    try {
      return SpiffeId.fromCertificate(leaf);
    } catch (CertificateException e) {
      var unverified = new SSLPeerUnverifiedException(e.getMessage());
      unverified.initCause(e);
      throw unverified;
    }
  }

  /** The SNI host name a client asked for, on the server side of a completed handshake. */
  public static Optional<String> requestedServerName(SslHandler handler) {
    SSLSession session = handler.engine().getSession();
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name.getType() == StandardConstants.SNI_HOST_NAME) {
          return Optional.of(new SNIHostName(name.getEncoded()).getAsciiName());
        }
      }
    }
    return Optional.empty();
  }

  private static X509Certificate caOf(Path certDir) throws IOException, CertificateException {
    return PemFiles.readCertificate(certDir.resolve(DevCa.CA_FILE));
  }
}
