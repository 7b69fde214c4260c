package dev.rigging.proxy.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SNIHostName;

/**
 * Netty TLS contexts for what an Envoy transport socket names by file: the proxy's own certificate
 * and key, the CA peers must chain to, and which peer URI SANs (SPIFFE IDs) are accepted. Only
 * HTTP/1.1 is offered by ALPN: the proxy speaks HTTP/1.1 on both sides.
 */
public final class ConfiguredTls {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private ConfiguredTls() {}

  /**
   * A server context.
   *
   * @param trustedCa when present, client certificates must chain to it and pass {@code accepts}
   * @param requireClientCertificate whether a client without a certificate is refused
   * @param expectation what {@code accepts} wants, for the refusal message
   */
  public static SslContext server(
      TlsEngine engine,
      Path certificateChain,
      Path privateKey,
      Optional<Path> trustedCa,
      boolean requireClientCertificate,
      Predicate<String> accepts,
      String expectation)
      throws IOException {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())
              .sslProvider(engine.provider())
              .protocols(PROTOCOLS)
              .applicationProtocolConfig(http11Only());
      if (trustedCa.isPresent()) {
        builder
            .trustManager(
                new SpiffeTrustManager(
                    PemFiles.readCertificate(trustedCa.get()),
                    id -> accepts.test(id.uri()),
                    expectation))
            .clientAuth(requireClientCertificate ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
      } else if (requireClientCertificate) {
        throw new IOException("a client certificate is required but no trusted CA is configured");
      }
      return builder.build();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // Netty reports unreadable PEM files as IllegalArgumentException.
      throw new IOException("cannot build a TLS server context from " + certificateChain, e);
    }
  }

  /**
   * A client context sending SNI {@code serverName} (when present) and presenting a certificate
   * (when present); the server must chain to {@code trustedCa} and pass {@code accepts}.
   */
  public static SslContext client(
      TlsEngine engine,
      Optional<String> serverName,
      Optional<Path> certificateChain,
      Optional<Path> privateKey,
      Optional<Path> trustedCa,
      Predicate<String> accepts,
      String expectation)
      throws IOException {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forClient()
              .sslProvider(engine.provider())
              .protocols(PROTOCOLS)
              .applicationProtocolConfig(http11Only())
              // SPIFFE identifies peers by URI SAN, not by host name.
              .endpointIdentificationAlgorithm(null);
      if (certificateChain.isPresent() && privateKey.isPresent()) {
        builder.keyManager(certificateChain.get().toFile(), privateKey.get().toFile());
      }
      if (trustedCa.isPresent()) {
        builder.trustManager(
            new SpiffeTrustManager(
                PemFiles.readCertificate(trustedCa.get()),
                id -> accepts.test(id.uri()),
                expectation));
      }
      if (serverName.isPresent()) {
        builder.serverName(new SNIHostName(serverName.get()));
      }
      return builder.build();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("cannot build a TLS client context: " + e.getMessage(), e);
    }
  }

  private static ApplicationProtocolConfig http11Only() {
    return new ApplicationProtocolConfig(
        ApplicationProtocolConfig.Protocol.ALPN,
        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
        ApplicationProtocolNames.HTTP_1_1);
  }
}
