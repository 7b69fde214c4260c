package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rigging.proxy.runtime.ProxyRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call whom, enforced by callme's sidecar on mutual TLS: the callme policy allows only
 * {@code spiffe://demo/caller} to GET {@code /callme} and {@code /callme/*}. Clients connect
 * straight to the inbound listener with certificates issued by the development CA.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthzE2eTest {
  @TempDir static Path work;
  static PolicyTree tree;
  static Deployment mesh;
  static AppBackend v1;
  static AppBackend v2;
  static ProxyRuntime callme;
  static HttpClient asCaller;
  static HttpClient asIntruder;

  @BeforeAll
  static void start() throws Exception {
    tree = PolicyTree.copy("callme", work.resolve("policy"), Map.of());
    mesh = Deployment.compile(tree.root(), work);
    v1 = new AppBackend("callme-v1", tree.port(9101));
    v2 = new AppBackend("callme-v2", tree.port(9102));
    callme = mesh.start("callme");
    Path ca = mesh.certDir("caller").resolve("ca.pem");
    asCaller = Clients.mtls(mesh.certDir("caller"), ca, "v1.callme.demo");
    asIntruder = Clients.mtls(mesh.certDir("intruder"), ca, "v1.callme.demo");
  }

  @AfterAll
  static void stop() {
    mesh.close();
    v1.close();
    v2.close();
  }

  private static URI inbound(String path) {
    return URI.create("https://127.0.0.1:" + tree.port(8091) + path);
  }

  private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(inbound(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void allowedCaller_reachesTheVersionItsSniNames() throws Exception {
    HttpResponse<String> response = get(asCaller, "/callme/hello");
    assertEquals(200, response.statusCode());
    assertEquals("callme-v1\n", response.body());
    Path ca = mesh.certDir("caller").resolve("ca.pem");
    HttpClient toV2 = Clients.mtls(mesh.certDir("caller"), ca, "v2.callme.demo");
    assertEquals("callme-v2\n", get(toV2, "/callme").body());
    // The app learns who called from the header Envoy's SANITIZE_SET writes.
    AppBackend.Seen seen =
        v1.seen.stream().filter(s -> s.uri().equals("/callme/hello")).findFirst().orElseThrow();
    assertTrue(seen.header("x-forwarded-client-cert").contains("URI=spiffe://demo/caller"));
  }

  @Test
  void otherIdentity_isDeniedWithEnvoysAnswer() throws Exception {
    long before = v1.requests.get();
    HttpResponse<String> response = get(asIntruder, "/callme/hello");
    assertEquals(403, response.statusCode());
    assertEquals("RBAC: access denied", response.body());
    assertEquals(before, v1.requests.get());
    assertTrue(callme.stats().sum("rigging_rbac_denied_total") > 0);
  }

  /**
   * Denied on its head, with a body still coming: the sidecar answers, then closes without reading
   * the body, lingering so that the client, still sending, gets the answer rather than a reset.
   */
  @Test
  void allowedCaller_wrongMethod_isDenied() throws Exception {
    for (String body : new String[] {"x", "x".repeat(4 << 20)}) {
      HttpResponse<String> response =
          asCaller.send(
              HttpRequest.newBuilder(inbound("/callme/x"))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(403, response.statusCode());
    }
  }

  @Test
  void clientWithoutCertificate_isRefusedAtTheHandshake() throws Exception {
    HttpClient anonymous =
        Clients.mtls(null, mesh.certDir("caller").resolve("ca.pem"), "v1.callme.demo");
    assertThrows(IOException.class, () -> get(anonymous, "/callme/hello"));
  }

  @Test
  void unknownServerName_isRefused() throws Exception {
    HttpClient elsewhere =
        Clients.mtls(
            mesh.certDir("caller"), mesh.certDir("caller").resolve("ca.pem"), "v9.callme.demo");
    assertThrows(IOException.class, () -> get(elsewhere, "/callme/hello"));
  }

  @Test
  void pathNormalizationBypassAttempts_neverReachTheApp() throws Exception {
    List<String> attempts =
        List.of(
            "/callme/../admin",
            "/callme/./../admin",
            "/callme/%2E%2E/admin",
            "/callme/..%2Fadmin",
            "/callme%2F..%2Fadmin",
            "//admin",
            "/./admin",
            "/callme/..%5Cadmin");
    for (String path : attempts) {
      HttpResponse<String> response = get(asCaller, path);
      assertNotEquals(200, response.statusCode(), path + " must not be allowed");
    }
    assertTrue(
        v1.seen.stream().allMatch(s -> s.uri().startsWith("/callme")),
        "the app only ever saw /callme paths: "
            + v1.seen.stream().map(AppBackend.Seen::uri).toList());
    // The client sent the paths as written: the proxy logged each one raw.
    Clients.await(
        () -> mesh.accessLog("callme").stream().anyMatch(l -> l.contains("\"/callme/../admin\"")),
        "the raw path in the access log");
    JsonObject line =
        mesh.accessLog("callme").stream()
            .map(l -> JsonParser.parseString(l).getAsJsonObject())
            .filter(l -> l.get("path").getAsString().equals("/callme/../admin"))
            .findFirst()
            .orElseThrow();
    assertEquals(403, line.get("response_code").getAsInt());
    assertEquals("spiffe://demo/caller", line.get("downstream_peer_uri_san").getAsString());
  }

  @Test
  void normalizedPath_isWhatTheAppReceives() throws Exception {
    HttpResponse<String> response = get(asCaller, "/callme/./a//b/../c");
    assertEquals(200, response.statusCode());
    assertTrue(v1.seen.stream().anyMatch(s -> s.uri().equals("/callme/a/c")));
  }
}
