package dev.rigging.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XdsLoadingTest {

  @TempDir Path temp;

  private final ProxyConfigLoader loader = new ProxyConfigLoader();

  private Path copyOfCaller() throws Exception {
    Path source = EmittedConfigs.proxyDir("callme", "caller");
    for (String name : List.of("listeners.json", "clusters.json", "routes.json")) {
      Files.copy(source.resolve(name), temp.resolve(name));
    }
    return temp;
  }

  @Test
  void rdsPathIsResolvedToTheRoutesFileBesideTheListeners() throws Exception {
    // The emitted RDS path is /etc/rigging/envoy/caller/routes.json; the copy lives elsewhere.
    ProxySnapshot snapshot = loader.loadXds(copyOfCaller(), "caller");
    var routes =
        snapshot
            .listener("outbound")
            .orElseThrow()
            .filterChains()
            .get(0)
            .connectionManager()
            .routes();
    assertEquals("outbound_caller", routes.name());
  }

  @Test
  void rdsNameMissingFromTheRoutesFileIsReportedAtTheListenersPath() throws Exception {
    Path dir = copyOfCaller();
    Path routes = dir.resolve("routes.json");
    Files.writeString(
        routes, Files.readString(routes).replace("\"outbound_caller\"", "\"renamed\""));
    ConfigLoadException error =
        assertThrows(ConfigLoadException.class, () -> loader.loadXds(dir, "caller"));
    assertEquals(1, error.problems().size(), error.problems().toString());
    assertTrue(
        error
            .problems()
            .get(0)
            .startsWith(
                "resources[1].filter_chains[0].filters[0].typed_config.rds.route_config_name:"
                    + " no route configuration outbound_caller"),
        error.problems().toString());
  }

  @Test
  void resourcesOfTheWrongKindAreRefused() throws Exception {
    Path dir = copyOfCaller();
    Files.copy(
        dir.resolve("clusters.json"),
        dir.resolve("listeners.json"),
        StandardCopyOption.REPLACE_EXISTING);
    ConfigLoadException error =
        assertThrows(ConfigLoadException.class, () -> loader.loadXds(dir, "caller"));
    assertTrue(
        error.problems().get(0).startsWith("resources[0]: expected Listener"),
        error.problems().toString());
  }
}
