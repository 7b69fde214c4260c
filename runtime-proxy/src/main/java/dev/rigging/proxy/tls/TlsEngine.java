package dev.rigging.proxy.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Which TLS implementation encrypts the proxy's connections: BoringSSL through Netty's tcnative
 * library, or the JDK's own {@code SSLEngine}. Both take the same certificates, protocols and the
 * same SPIFFE trust manager, so peers see no difference; BoringSSL costs a fraction of the CPU per
 * record, which is most of what a sidecar pair spends on mutual TLS.
 */
public enum TlsEngine {
  OPENSSL,
  JDK;

  /** BoringSSL where its native library loads and offers TLS 1.3, the JDK elsewhere. */
  public static TlsEngine preferred() {
    return OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL)
        ? OPENSSL
        : JDK;
  }

  /**
   * The engine named {@code name} ({@code openssl} or {@code jdk}).
   *
   * @throws IllegalArgumentException for another name, or openssl where it cannot load, with the
   *     reason
   */
  public static TlsEngine named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "jdk" -> JDK;
      case "openssl" -> {
        if (!OpenSsl.isAvailable()) {
          throw new IllegalArgumentException(
              "the openssl TLS engine is not available here: "
                  + OpenSsl.unavailabilityCause().getMessage());
        }
        yield OPENSSL;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown TLS engine `" + name + "`; expected openssl or jdk");
    };
  }

  SslProvider provider() {
    return switch (this) {
      // Not OPENSSL_REFCNT: contexts are dropped on reload and left to the garbage collector.
      case OPENSSL -> SslProvider.OPENSSL;
      case JDK -> SslProvider.JDK;
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
