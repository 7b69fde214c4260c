package dev.rigging.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevCaTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  @TempDir Path root;

  private Path caDir() {
    return root.resolve("certs");
  }

  @Test
  void create_thenLoad_givesTheSameCaAndAWorkingKey() throws Exception {
    DevCa created = DevCa.create("demo", caDir());

    DevCa loaded = DevCa.load(caDir());

    assertEquals("demo", loaded.mesh());
    assertEquals(created.certificate(), loaded.certificate());
    // The loaded key signs leaves the original certificate verifies.
    loaded.issueLeaf("callme").certificate().verify(created.certificate().getPublicKey());
  }

  @Test
  void caCertificate_isASelfSignedP256CaWithPathLenZero() throws Exception {
    X509Certificate ca = DevCa.create("demo", caDir()).certificate();

    assertEquals("CN=Rigging dev CA demo", ca.getSubjectX500Principal().getName());
    assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
    ca.verify(ca.getPublicKey());
    assertEquals(0, ca.getBasicConstraints());
    assertTrue(ca.getCriticalExtensionOIDs().contains("2.5.29.19"), "basic constraints critical");
    boolean[] usage = ca.getKeyUsage();
    assertTrue(usage[5], "keyCertSign");
    assertFalse(usage[0], "not digitalSignature");
    assertEquals("SHA256withECDSA", ca.getSigAlgName());
    assertEquals(256, fieldSize(ca));
    assertEquals(
        DevCa.CA_VALIDITY.plus(DevCa.BACKDATE),
        Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()));
  }

  @Test
  void leaf_isAnX509SvidForItsProxy() throws Exception {
    DevCa ca = DevCa.create("demo", caDir());

    X509Certificate leaf = ca.issueLeaf("callme").certificate();

    // Type 6 is a URI: the ID is the one and only subject alternative name.
    assertEquals(
        List.of(List.of(6, "spiffe://demo/callme")),
        List.copyOf(leaf.getSubjectAlternativeNames()));
    assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), leaf.getExtendedKeyUsage());
    boolean[] usage = leaf.getKeyUsage();
    assertTrue(usage[0], "digitalSignature");
    assertFalse(usage[5], "not keyCertSign");
    assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
    assertEquals(256, fieldSize(leaf));
    assertTrue(leaf.getSerialNumber().signum() > 0);
    assertEquals(
        DevCa.LEAF_VALIDITY.plus(DevCa.BACKDATE),
        Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()));
    leaf.checkValidity();
    assertChainVerifies(leaf, ca.certificate());
  }

  @Test
  void leaves_haveRandomSerials() throws Exception {
    DevCa ca = DevCa.create("demo", caDir());

    var first = ca.issueLeaf("callme").certificate().getSerialNumber();
    var second = ca.issueLeaf("callme").certificate().getSerialNumber();

    assertNotEquals(first, second);
  }

  @Test
  void files_areExactlyTheLayoutTheEmittedEnvoyConfigReads() throws Exception {
    DevCa ca = DevCa.create("demo", caDir());
    ca.issueLeaf("callme");
    ca.issueLeaf("caller");

    try (Stream<Path> files = Files.walk(caDir())) {
      Set<String> written =
          files
              .filter(Files::isRegularFile)
              .map(file -> caDir().relativize(file).toString())
              .collect(Collectors.toSet());
      assertEquals(
          Set.of(
              "ca.pem",
              "ca-key.pem",
              "callme/cert.pem",
              "callme/key.pem",
              "callme/ca.pem",
              "caller/cert.pem",
              "caller/key.pem",
              "caller/ca.pem"),
          written);
    }
    assertArrayEquals(
        Files.readAllBytes(caDir().resolve("ca.pem")),
        Files.readAllBytes(caDir().resolve("callme/ca.pem")));
  }

  @Test
  void files_areReadableByJavaSecurity() throws Exception {
    DevCa ca = DevCa.create("demo", caDir());
    LeafCertificate leaf = ca.issueLeaf("callme");

    var certificates = CertificateFactory.getInstance("X.509");
    X509Certificate cert;
    X509Certificate caCert;
    try (var in = Files.newInputStream(leaf.certFile());
        var caIn = Files.newInputStream(leaf.caFile())) {
      cert = (X509Certificate) certificates.generateCertificate(in);
      caCert = (X509Certificate) certificates.generateCertificate(caIn);
    }
    PrivateKey key = readPkcs8(leaf.keyFile());

    assertEquals(leaf.certificate(), cert);
    assertEquals(ca.certificate(), caCert);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(cert.getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertTrue(verifier.verify(signature), "key.pem is the key of cert.pem");
    assertEquals("PKCS#8", readPkcs8(caDir().resolve("ca-key.pem")).getFormat());
  }

  @Test
  void files_areReadableByNettysSslContextBuilder() throws Exception {
    LeafCertificate leaf = DevCa.create("demo", caDir()).issueLeaf("callme");

    var server =
        SslContextBuilder.forServer(leaf.certFile().toFile(), leaf.keyFile().toFile())
            .trustManager(leaf.caFile().toFile())
            .sslProvider(SslProvider.JDK)
            .build();
    var client =
        SslContextBuilder.forClient()
            .keyManager(leaf.certFile().toFile(), leaf.keyFile().toFile())
            .trustManager(leaf.caFile().toFile())
            .sslProvider(SslProvider.JDK)
            .build();

    assertTrue(server.isServer());
    assertTrue(client.isClient());
  }

  @Test
  void keys_areReadableByTheOwnerOnly() throws Exception {
    assumeTrue(root.getFileSystem().supportedFileAttributeViews().contains("posix"));
    DevCa ca = DevCa.create("demo", caDir());
    LeafCertificate leaf = ca.issueLeaf("callme");

    assertEquals("rw-------", mode(caDir().resolve("ca-key.pem")));
    assertEquals("rw-------", mode(leaf.keyFile()));
    assertEquals("rwx------", mode(caDir()));
    assertEquals("rwx------", mode(leaf.directory()));
  }

  @Test
  void ensureLeaf_keepsAValidLeaf() throws Exception {
    DevCa ca = DevCa.create("demo", caDir());
    LeafCertificate first = ca.ensureLeaf("callme");

    LeafCertificate again = ca.ensureLeaf("callme");
    LeafCertificate threeDaysLater =
        DevCa.load(caDir(), later(Duration.ofDays(3))).ensureLeaf("callme");

    assertTrue(first.issued());
    assertFalse(again.issued());
    assertFalse(threeDaysLater.issued());
    assertEquals(first.certificate(), threeDaysLater.certificate());
  }

  @Test
  void ensureLeaf_reissuesPastHalfOfTheValidity() throws Exception {
    DevCa ca = DevCa.create("demo", caDir());
    LeafCertificate first = ca.ensureLeaf("callme");

    LeafCertificate renewed = DevCa.load(caDir(), later(Duration.ofDays(4))).ensureLeaf("callme");

    assertTrue(renewed.issued());
    assertNotEquals(first.certificate(), renewed.certificate());
    assertEquals(
        renewed.certificate(), PemFiles.readCertificate(caDir().resolve("callme/cert.pem")));
  }

  @Test
  void ensureLeaf_reissuesALeafOfAnotherCa() throws Exception {
    DevCa.create("demo", caDir()).ensureLeaf("callme");
    DevCa replaced = DevCa.create("demo", caDir());

    LeafCertificate leaf = replaced.ensureLeaf("callme");

    assertTrue(leaf.issued());
    leaf.certificate().verify(replaced.certificate().getPublicKey());
    assertEquals(replaced.certificate(), PemFiles.readCertificate(leaf.caFile()));
  }

  @Test
  void ensureLeaf_reissuesWhenAFileIsMissing() throws Exception {
    DevCa ca = DevCa.create("demo", caDir());
    Files.delete(ca.ensureLeaf("callme").keyFile());

    LeafCertificate leaf = ca.ensureLeaf("callme");

    assertTrue(leaf.issued());
    assertTrue(Files.exists(leaf.keyFile()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "../outside", "a/b", "/etc", "call me", "a\\b"})
  void ensureLeaf_refusesNamesThatLeaveTheCaDirectory(String proxy) throws Exception {
    DevCa ca = DevCa.create("demo", caDir());

    assertThrows(IllegalArgumentException.class, () -> ca.ensureLeaf(proxy));
    try (Stream<Path> files = Files.list(root)) {
      assertEquals(List.of(caDir()), files.toList());
    }
  }

  @Test
  void create_refusesAMeshNameThatIsNoTrustDomain() {
    assertThrows(IllegalArgumentException.class, () -> DevCa.create("Demo", caDir()));
    assertFalse(Files.exists(caDir()));
  }

  @Test
  void openOrCreate_createsOnceThenLoads() throws Exception {
    DevCa created = DevCa.openOrCreate("demo", caDir());

    DevCa opened = DevCa.openOrCreate("demo", caDir());

    assertEquals(created.certificate(), opened.certificate());
  }

  @Test
  void openOrCreate_refusesTheCaOfAnotherMesh() throws Exception {
    DevCa.create("demo", caDir());

    var refused = assertThrows(IOException.class, () -> DevCa.openOrCreate("other", caDir()));
    assertTrue(refused.getMessage().contains("mesh demo"), refused.getMessage());
  }

  @Test
  void openOrCreate_replacesACaThatExpiresBeforeANewLeafWould() throws Exception {
    DevCa old = DevCa.create("demo", caDir());

    DevCa fresh = DevCa.openOrCreate("demo", caDir(), later(Duration.ofDays(360)));

    assertNotEquals(old.certificate(), fresh.certificate());
  }

  @Test
  void load_refusesAKeyThatIsNotTheCertificates() throws Exception {
    DevCa.create("demo", caDir());
    DevCa.create("demo", root.resolve("other"));
    Files.copy(
        root.resolve("other/ca-key.pem"),
        caDir().resolve("ca-key.pem"),
        StandardCopyOption.REPLACE_EXISTING);

    assertThrows(IOException.class, () -> DevCa.load(caDir()));
  }

  private static Clock later(Duration by) {
    return Clock.offset(Clock.systemUTC(), by);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static int fieldSize(X509Certificate certificate) {
    return ((ECPublicKey) certificate.getPublicKey())
        .getParams()
        .getCurve()
        .getField()
        .getFieldSize();
  }

  /** Reads a PEM {@code PRIVATE KEY} with nothing but the JDK. */
  private static PrivateKey readPkcs8(Path file) throws Exception {
    String pem = Files.readString(file);
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem.lines().findFirst().orElse(""));
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static void assertChainVerifies(X509Certificate leaf, X509Certificate ca)
      throws Exception {
    var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
    var parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, parameters);
  }
}
