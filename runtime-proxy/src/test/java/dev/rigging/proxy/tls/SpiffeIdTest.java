package dev.rigging.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpiffeIdTest {
  @TempDir Path directory;

  @Test
  void parse_splitsTrustDomainAndWorkload_andFormatsBack() {
    SpiffeId id = SpiffeId.parse("spiffe://demo/callme");

    assertEquals(new SpiffeId("demo", "callme"), id);
    assertEquals("spiffe://demo/callme", id.uri());
    assertEquals("spiffe://demo/callme", id.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spiffe://demo/callme",
        "spiffe://my-mesh.example_1/ns/default/sa/Caller-1.v2",
        "spiffe://a/b",
      })
  void parse_acceptsValidIds(String uri) {
    assertEquals(uri, SpiffeId.parse(uri).uri());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "spiffe://demo",
        "spiffe://demo/",
        "spiffe:///callme",
        "SPIFFE://demo/callme",
        "https://demo/callme",
        "spiffe://Demo/callme",
        "spiffe://demo:8080/callme",
        "spiffe://user@demo/callme",
        "spiffe://demo/callme?x=1",
        "spiffe://demo/callme#frag",
        "spiffe://demo/call%20me",
        "spiffe://demo//callme",
        "spiffe://demo/callme/",
        "spiffe://demo/./callme",
        "spiffe://demo/a/../callme",
        "spiffe://demo/caller me",
      })
  void parse_rejectsWhatTheSpecForbids(String uri) {
    assertThrows(IllegalArgumentException.class, () -> SpiffeId.parse(uri));
  }

  @Test
  void parse_rejectsIdsLongerThan2048Bytes() {
    String longPath = "a".repeat(2048);

    assertThrows(IllegalArgumentException.class, () -> SpiffeId.parse("spiffe://demo/" + longPath));
    assertThrows(IllegalArgumentException.class, () -> new SpiffeId("t".repeat(256), "a"));
  }

  @Test
  void fromCertificate_readsTheUriSan() throws Exception {
    DevCa ca = DevCa.create("demo", directory);

    X509Certificate leaf = ca.issueLeaf("callme").certificate();

    assertEquals(new SpiffeId("demo", "callme"), SpiffeId.fromCertificate(leaf));
  }

  @Test
  void fromCertificate_refusesACertificateWithoutUriSan() throws Exception {
    DevCa ca = DevCa.create("demo", directory);

    // The CA certificate has no SAN at all.
    var refused =
        assertThrows(CertificateException.class, () -> SpiffeId.fromCertificate(ca.certificate()));
    assertTrue(refused.getMessage().contains("exactly one URI SAN"), refused.getMessage());
  }

  @Test
  void fromCertificate_refusesTwoUriSans() throws Exception {
    KeyPair keys = CertificateFactories.newKeyPair();
    X509Certificate two =
        UriSanCertificates.selfSigned(keys, "spiffe://demo/caller", "spiffe://demo/admin");

    var refused = assertThrows(CertificateException.class, () -> SpiffeId.fromCertificate(two));
    assertTrue(refused.getMessage().contains("has 2"), refused.getMessage());
  }
}
