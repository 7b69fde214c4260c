package dev.rigging.proxy.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rigging.proxy.config.ConnectionManagerConfig;
import dev.rigging.proxy.config.ProxyConfigLoader;
import dev.rigging.proxy.route.RouteRequest;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RBAC as loaded from Envoy JSON: the filters {@code rig compile} emits for callme, and a deny plus
 * allow pair written by hand with the rule kinds the example policies do not use.
 */
class RbacEngineTest {

  private static final Optional<String> CALLER = Optional.of("spiffe://demo/caller");
  private static final Optional<String> OTHER = Optional.of("spiffe://demo/other");
  private static final Optional<String> NO_CERT = Optional.empty();

  /** Denies {@code /admin...} and {@code *.key} to anyone; allows the caller GET without debug. */
  private static final String HAND_WRITTEN_FILTERS =
      """
      [ {"name": "rigging.authz.deny", "typed_config": {
          "@type": "type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC",
          "rules": {"action": "DENY", "policies": {
            "deny-0": {"permissions": [{"url_path": {"path": {"prefix": "/admin"}}}],
                       "principals": [{"any": true}]},
            "deny-1": {"permissions": [{"url_path": {"path": {"suffix": ".key"}}}],
                       "principals": [{"any": true}]}}}}},
        {"name": "rigging.authz.allow", "typed_config": {
          "@type": "type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC",
          "rules": {"action": "ALLOW", "policies": {
            "allow-0": {
              "permissions": [{"and_rules": {"rules": [
                {"or_rules": {"rules": [
                  {"header": {"name": ":method", "string_match": {"exact": "GET"}}},
                  {"header": {"name": ":method", "string_match": {"exact": "HEAD"}}}]}},
                {"not_rule": {"header": {"name": "x-debug", "present_match": true}}}]}}],
              "principals": [{"or_ids": {"ids": [
                {"authenticated": {"principal_name": {"exact": "spiffe://demo/caller"}}}]}}]},
            "allow-1": {
              "permissions": [{"url_path": {"path": {"exact": "/health"}}}],
              "principals": [{"authenticated": {}}]}}}}},
        {"name": "envoy.filters.http.router", "typed_config": {
          "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}} ]
      """;

  @TempDir Path temp;

  private static Path emittedCallme() throws URISyntaxException {
    return Path.of(
        RbacEngineTest.class
            .getResource("/dev/rigging/proxy/config/emitted/callme/envoy/callme/bootstrap.json")
            .toURI());
  }

  private static ConnectionManagerConfig firstManager(Path bootstrap) throws Exception {
    return new ProxyConfigLoader()
        .load(bootstrap)
        .listeners()
        .get(0)
        .filterChains()
        .get(0)
        .connectionManager();
  }

  private ConnectionManagerConfig handWritten() throws Exception {
    JsonObject bootstrap =
        JsonParser.parseString(Files.readString(emittedCallme())).getAsJsonObject();
    JsonObject manager =
        bootstrap
            .getAsJsonObject("static_resources")
            .getAsJsonArray("listeners")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("filter_chains")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("filters")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("typed_config");
    manager.add("http_filters", JsonParser.parseString(HAND_WRITTEN_FILTERS).getAsJsonArray());
    Path file = temp.resolve("bootstrap.json");
    Files.writeString(file, bootstrap.toString());
    return firstManager(file);
  }

  private static RouteRequest request(String method, String path, String... headerPairs) {
    var headers = new java.util.HashMap<String, List<String>>();
    headers.put(":method", List.of(method));
    headers.put(":path", List.of(path));
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
    }
    return RouteRequest.of("callme.demo", path, Map.copyOf(headers));
  }

  @Test
  void emittedCallmePolicy_allowsOnlyTheCallerToGetCallme() throws Exception {
    RbacEngine rbac = RbacEngine.of(firstManager(emittedCallme()).httpFilters());
    var allowed = rbac.evaluate(request("GET", "/callme/ping?x=1"), CALLER);
    assertEquals(
        new RbacEngine.Decision(true, "rigging.authz.allow", Optional.of("allow-0")), allowed);
    assertTrue(rbac.evaluate(request("GET", "/callme"), CALLER).allowed());
    assertEquals(
        new RbacEngine.Decision(false, "rigging.authz.allow", Optional.empty()),
        rbac.evaluate(request("GET", "/callme/ping"), OTHER));
    assertFalse(rbac.evaluate(request("GET", "/callme/ping"), NO_CERT).allowed());
    assertFalse(rbac.evaluate(request("POST", "/callme/ping"), CALLER).allowed());
    assertFalse(rbac.evaluate(request("GET", "/callmeee"), CALLER).allowed());
  }

  @Test
  void denyFilterDecidesBeforeTheAllowFilter() throws Exception {
    RbacEngine rbac = RbacEngine.of(handWritten().httpFilters());
    assertEquals(
        new RbacEngine.Decision(false, "rigging.authz.deny", Optional.of("deny-0")),
        rbac.evaluate(request("GET", "/admin/users"), CALLER));
    assertEquals(
        new RbacEngine.Decision(false, "rigging.authz.deny", Optional.of("deny-1")),
        rbac.evaluate(request("GET", "/certs/server.key"), CALLER));
    assertEquals(
        new RbacEngine.Decision(true, "rigging.authz.allow", Optional.of("allow-0")),
        rbac.evaluate(request("GET", "/certs/server.pem"), CALLER));
  }

  @Test
  void urlPathIgnoresTheQueryString() throws Exception {
    RbacEngine rbac = RbacEngine.of(handWritten().httpFilters());
    assertTrue(rbac.evaluate(request("GET", "/public?next=/admin"), CALLER).allowed());
    assertFalse(rbac.evaluate(request("GET", "/admin?x=.pem"), CALLER).allowed());
  }

  @Test
  void methodHeaderAndNotRules() throws Exception {
    RbacEngine rbac = RbacEngine.of(handWritten().httpFilters());
    assertTrue(rbac.evaluate(request("HEAD", "/x"), CALLER).allowed());
    assertFalse(rbac.evaluate(request("DELETE", "/x"), CALLER).allowed());
    assertFalse(rbac.evaluate(request("GET", "/x", "X-Debug", "1"), CALLER).allowed());
  }

  @Test
  void principals_namedAuthenticatedAndMissingCertificate() throws Exception {
    RbacEngine rbac = RbacEngine.of(handWritten().httpFilters());
    assertFalse(rbac.evaluate(request("GET", "/x"), OTHER).allowed());
    assertEquals(
        new RbacEngine.Decision(true, "rigging.authz.allow", Optional.of("allow-1")),
        rbac.evaluate(request("GET", "/health"), OTHER),
        "authenticated without principal_name matches any verified peer");
    assertFalse(rbac.evaluate(request("GET", "/health"), NO_CERT).allowed());
    assertFalse(rbac.evaluate(request("GET", "/x"), NO_CERT).allowed());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/admin",
        "//admin",
        "/./admin",
        "/a/../admin",
        "/%2e%2e/admin",
        "/.%2E/admin/x",
        "/a/b/../../admin?q=1",
        "/\\admin",
        "/%61dmin",
        "/%2Fadmin",
        "/x%5C..%5Cadmin"
      })
  void bypassAttemptsThroughTheNormalizer_areDenied(String attempt) throws Exception {
    ConnectionManagerConfig manager = handWritten();
    PathNormalizer normalizer = PathNormalizer.of(manager);
    RbacEngine rbac = RbacEngine.of(manager.httpFilters());
    String path =
        switch (normalizer.normalize(attempt)) {
          case PathNormalizer.Result.Normalized n -> n.path();
          // The client follows the redirect and comes back with the unescaped path.
          case PathNormalizer.Result.Redirect r ->
              assertInstanceOf(
                      PathNormalizer.Result.Normalized.class, normalizer.normalize(r.location()))
                  .path();
          case PathNormalizer.Result.Reject r -> null;
        };
    if (path != null) {
      var decision = rbac.evaluate(request("GET", path), CALLER);
      assertEquals(
          new RbacEngine.Decision(false, "rigging.authz.deny", Optional.of("deny-0")), decision);
    }
  }

  @Test
  void noRbacFilter_allowsEverything() {
    RbacEngine rbac = RbacEngine.of(List.of());
    assertTrue(rbac.isEmpty());
    assertEquals(
        new RbacEngine.Decision(true, "", Optional.empty()),
        rbac.evaluate(request("GET", "/admin"), NO_CERT));
  }
}
