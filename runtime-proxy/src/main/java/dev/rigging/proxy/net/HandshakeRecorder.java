package dev.rigging.proxy.net;

import dev.rigging.proxy.tls.MeshTls;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Records what the TLS handshake established (SNI, the verified peer's URI SAN) on the channel for
 * the HTTP handler, and closes connections whose handshake failed.
 */
final class HandshakeRecorder extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(HandshakeRecorder.class.getName());
  private static final int URI_SAN = 6;

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        LOG.log(Level.FINE, "downstream TLS handshake failed", done.cause());
        ctx.close();
        return;
      }
      SslHandler handler = ctx.pipeline().get(SslHandler.class);
      ctx.channel().attr(ConnectionInfo.KEY).set(infoOf(handler));
      ctx.pipeline().remove(this);
    }
    ctx.fireUserEventTriggered(event);
  }

  private static ConnectionInfo infoOf(SslHandler handler) {
    SSLSession session = handler.engine().getSession();
    Optional<String> peerUri = Optional.empty();
    Optional<String> peerHash = Optional.empty();
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
        peerUri = uriSan(leaf);
        peerHash = Optional.of(sha256(leaf));
      }
    } catch (SSLPeerUnverifiedException e) {
      // No client certificate: allowed only where the chain does not require one.
    }
    Optional<String> localUri = Optional.empty();
    Certificate[] local = session.getLocalCertificates();
    if (local != null && local.length > 0 && local[0] instanceof X509Certificate own) {
      localUri = uriSan(own);
    }
    return new ConnectionInfo(
        true, MeshTls.requestedServerName(handler), peerUri, peerHash, localUri);
  }

  private static Optional<String> uriSan(X509Certificate certificate) {
    try {
      var names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return Optional.empty();
      }
      for (List<?> name : names) {
        if (name.size() >= 2 && Integer.valueOf(URI_SAN).equals(name.get(0))) {
          return Optional.of(String.valueOf(name.get(1)));
        }
      }
      return Optional.empty();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
  }

  private static String sha256(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      return "";
    }
  }
}
