package dev.rigging.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supported settings the example policies do not emit, added by hand to the caller's bootstrap. */
class HandEditedConfigTest {

  @TempDir Path temp;

  private ClusterConfig editedCluster(String field, JsonObject value) throws Exception {
    JsonObject bootstrap =
        JsonParser.parseString(
                Files.readString(
                    EmittedConfigs.proxyDir("callme", "caller").resolve("bootstrap.json")))
            .getAsJsonObject();
    JsonObject cluster =
        bootstrap
            .getAsJsonObject("static_resources")
            .getAsJsonArray("clusters")
            .get(1)
            .getAsJsonObject();
    cluster.add(field, value);
    cluster.addProperty("lb_policy", "LEAST_REQUEST");
    Path file = temp.resolve("bootstrap.json");
    Files.writeString(file, bootstrap.toString());
    return new ProxyConfigLoader().load(file).cluster("outbound|callme").orElseThrow();
  }

  @Test
  void outlierDetectionFieldsDefaultAsInEnvoy() throws Exception {
    JsonObject outlier = new JsonObject();
    outlier.addProperty("consecutive_5xx", 3);
    ClusterConfig cluster = editedCluster("outlier_detection", outlier);
    assertEquals(
        Optional.of(
            new ClusterConfig.OutlierDetection(
                3, Duration.ofSeconds(10), Duration.ofSeconds(30), 10)),
        cluster.outlierDetection());
    assertEquals(ClusterConfig.LbPolicy.LEAST_REQUEST, cluster.lbPolicy());
  }
}
