package dev.rigging.e2e;

import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Real clients for the tests: java.net.http over plain HTTP, or over mTLS with a mesh identity. */
final class Clients {
  private Clients() {}

  /** A plain HTTP/1.1 client. */
  static HttpClient plain() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * An HTTP/1.1 client presenting the certificate in {@code certDir} (or none when null), sending
   * SNI {@code serverName}, and trusting servers chained to the mesh CA in {@code caDir}.
   */
  static HttpClient mtls(Path certDir, Path caFile, String serverName)
      throws IOException, GeneralSecurityException {
    SSLParameters parameters = new SSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(serverName)));
    parameters.setProtocols(new String[] {"TLSv1.3"});
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .sslContext(sslContext(certDir, caFile))
        .sslParameters(parameters)
        .build();
  }

  static SSLContext sslContext(Path certDir, Path caFile)
      throws IOException, GeneralSecurityException {
    X509Certificate ca = certificate(caFile);
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    if (certDir != null) {
      store.setKeyEntry(
          "me",
          privateKey(certDir.resolve("key.pem")),
          new char[0],
          new X509Certificate[] {certificate(certDir.resolve("cert.pem")), ca});
    }
    keys.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), new X509ExtendedTrustManager[] {meshTrust(ca)}, null);
    return context;
  }

  /** Trusts the mesh CA's chains; a SPIFFE peer has no host name to verify. */
  private static X509ExtendedTrustManager meshTrust(X509Certificate ca)
      throws GeneralSecurityException, IOException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", ca);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(anchors);
    X509TrustManager pkix = (X509TrustManager) factory.getTrustManagers()[0];
    return new X509ExtendedTrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String auth)
          throws CertificateException {
        pkix.checkClientTrusted(chain, auth);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String auth)
          throws CertificateException {
        pkix.checkServerTrusted(chain, auth);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket)
          throws CertificateException {
        pkix.checkClientTrusted(chain, auth);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket)
          throws CertificateException {
        pkix.checkServerTrusted(chain, auth);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
          throws CertificateException {
        pkix.checkClientTrusted(chain, auth);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
          throws CertificateException {
        pkix.checkServerTrusted(chain, auth);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {ca};
      }
    };
  }

  static X509Certificate certificate(Path file) throws IOException, CertificateException {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      Object parsed = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      return converter.getPrivateKey((PrivateKeyInfo) parsed);
    }
  }

  /** GET {@code uri} with {@code Host: host}. */
  static HttpResponse<String> get(HttpClient client, URI uri, String host, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (host != null) {
      // Allowed by jdk.httpclient.allowRestrictedHeaders=host (see the module's pom.xml): the
      // outbound listener routes by Host, as a mesh client's name for the service.
      request.header("Host", host);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits up to 10 s for {@code condition}, polling. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
