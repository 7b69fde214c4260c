package dev.rigging.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-edited variants of the caller's bootstrap: valid Envoy, but asking for what the proxy does
 * not do.
 */
class UnsupportedConfigTest {

  @TempDir Path temp;

  private final ProxyConfigLoader loader = new ProxyConfigLoader();

  private Path editedCaller(Consumer<JsonObject> edit) throws Exception {
    JsonObject bootstrap =
        JsonParser.parseString(
                Files.readString(
                    EmittedConfigs.proxyDir("callme", "caller").resolve("bootstrap.json")))
            .getAsJsonObject();
    edit.accept(bootstrap);
    Path file = temp.resolve("bootstrap.json");
    Files.writeString(file, bootstrap.toString());
    return file;
  }

  private static JsonObject cluster(JsonObject bootstrap, int index) {
    return bootstrap
        .getAsJsonObject("static_resources")
        .getAsJsonArray("clusters")
        .get(index)
        .getAsJsonObject();
  }

  private static JsonObject outboundManager(JsonObject bootstrap) {
    return bootstrap
        .getAsJsonObject("static_resources")
        .getAsJsonArray("listeners")
        .get(1)
        .getAsJsonObject()
        .getAsJsonArray("filter_chains")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("filters")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("typed_config");
  }

  private List<String> problems(Path file) {
    return assertThrows(UnsupportedConfigException.class, () -> loader.load(file)).problems();
  }

  @Test
  void unhonouredClusterFieldIsRejectedWithItsPath() throws Exception {
    Path file = editedCaller(b -> cluster(b, 2).addProperty("dns_lookup_family", "V4_ONLY"));
    assertEquals(
        List.of(
            "static_resources.clusters[2].dns_lookup_family: not supported by the Rigging proxy"),
        problems(file));
  }

  @Test
  void unimplementedEnumValueIsRejectedWithItsPath() throws Exception {
    Path file = editedCaller(b -> cluster(b, 1).addProperty("lb_policy", "MAGLEV"));
    assertEquals(
        List.of(
            "static_resources.clusters[1].lb_policy: MAGLEV is not supported by the Rigging proxy"),
        problems(file));
  }

  @Test
  void unhonouredFieldInsideAnAnyIsRejectedWithItsPath() throws Exception {
    Path file = editedCaller(b -> outboundManager(b).addProperty("use_remote_address", true));
    assertEquals(
        List.of(
            "static_resources.listeners[1].filter_chains[0].filters[0].typed_config"
                + ".use_remote_address: not supported by the Rigging proxy"),
        problems(file));
  }

  @Test
  void unhonouredRouteFieldIsRejectedWithItsPath() throws Exception {
    Path file =
        editedCaller(
            b ->
                outboundManager(b)
                    .getAsJsonObject("route_config")
                    .getAsJsonArray("virtual_hosts")
                    .get(0)
                    .getAsJsonObject()
                    .addProperty("require_tls", "ALL"));
    assertEquals(
        List.of(
            "static_resources.listeners[1].filter_chains[0].filters[0].typed_config"
                + ".route_config.virtual_hosts[0].require_tls: not supported by the Rigging proxy"),
        problems(file));
  }

  @Test
  void unknownHttpFilterTypeIsRejectedWithItsPath() throws Exception {
    Path file =
        editedCaller(
            b -> {
              JsonObject cors = new JsonObject();
              cors.addProperty("name", "envoy.filters.http.cors");
              JsonObject config = new JsonObject();
              config.addProperty(
                  "@type", "type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors");
              cors.add("typed_config", config);
              outboundManager(b).getAsJsonArray("http_filters").set(0, cors);
            });
    assertEquals(
        List.of(
            "static_resources.listeners[1].filter_chains[0].filters[0].typed_config"
                + ".http_filters[0].typed_config: type envoy.extensions.filters.http.cors.v3.Cors"
                + " is not supported by the Rigging proxy"),
        problems(file));
  }

  @Test
  void everyProblemInAFileIsReportedAtOnce() throws Exception {
    Path file =
        editedCaller(
            b -> {
              cluster(b, 2).addProperty("dns_lookup_family", "V4_ONLY");
              cluster(b, 3).addProperty("lb_policy", "RING_HASH");
              b.addProperty("stats_flush_interval", "5s");
            });
    List<String> problems = problems(file);
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(
        problems.contains("stats_flush_interval: not supported by the Rigging proxy"),
        problems.toString());
  }

  @Test
  void inlineKeysAreRejectedBecauseTheProxyReadsCertificatesFromFiles() throws Exception {
    Path file =
        editedCaller(
            b -> {
              JsonObject key = new JsonObject();
              key.addProperty("inline_string", "-----BEGIN PRIVATE KEY-----");
              cluster(b, 1)
                  .getAsJsonObject("transport_socket")
                  .getAsJsonObject("typed_config")
                  .getAsJsonObject("common_tls_context")
                  .getAsJsonArray("tls_certificates")
                  .get(0)
                  .getAsJsonObject()
                  .add("private_key", key);
            });
    List<String> problems = problems(file);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "static_resources.clusters[1].transport_socket.typed_config"
                    + ".common_tls_context.tls_certificates[0].private_key: only filename"),
        problems.toString());
  }

  @Test
  void splitWithZeroTotalWeightIsRejectedAtTheRoute() throws Exception {
    Path file =
        editedCaller(
            b ->
                outboundManager(b)
                    .getAsJsonObject("route_config")
                    .getAsJsonArray("virtual_hosts")
                    .get(0)
                    .getAsJsonObject()
                    .getAsJsonArray("routes")
                    .get(0)
                    .getAsJsonObject()
                    .getAsJsonObject("route")
                    .getAsJsonObject("weighted_clusters")
                    .getAsJsonArray("clusters")
                    .forEach(c -> c.getAsJsonObject().addProperty("weight", 0)));
    assertEquals(
        List.of(
            "static_resources.listeners[1].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0]:"
                + " weighted clusters need a positive total weight"),
        problems(file));
  }

  @Test
  void invalidEnvoyConfigIsReportedByTheValidatorBeforeAnythingElse() throws Exception {
    Path file = editedCaller(b -> cluster(b, 1).addProperty("connect_timeout", "-1s"));
    ConfigLoadException error = assertThrows(ConfigLoadException.class, () -> loader.load(file));
    assertTrue(!(error instanceof UnsupportedConfigException), error.getMessage());
  }
}
