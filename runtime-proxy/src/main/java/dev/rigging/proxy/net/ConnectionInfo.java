package dev.rigging.proxy.net;

import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * What the proxy knows about a downstream connection once its TLS handshake (if any) is done.
 *
 * @param tls whether the connection is TLS
 * @param serverName the SNI the client asked for
 * @param peerUriSan the verified URI SAN of the client's certificate (its SPIFFE ID)
 * @param peerCertificateSha256 hex SHA-256 of the client's certificate, for {@code
 *     x-forwarded-client-cert}
 * @param localUriSan the URI SAN of the proxy's own certificate
 */
public record ConnectionInfo(
    boolean tls,
    Optional<String> serverName,
    Optional<String> peerUriSan,
    Optional<String> peerCertificateSha256,
    Optional<String> localUriSan) {

  /** A plain-text connection. */
  public static final ConnectionInfo PLAIN =
      new ConnectionInfo(
          false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Where the handshake handler leaves the information for the HTTP handler. */
  static final AttributeKey<ConnectionInfo> KEY = AttributeKey.valueOf("rigging.connection");
}
