package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rigging.proxy.config.ConfigHash;
import dev.rigging.proxy.runtime.ProxyRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API the GitOps agent relies on: /ready, /config_dump's node, hash and version, /stats'
 * series names, and /reload refusing a broken configuration while the old one serves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminContractE2eTest {
  @TempDir Path work;

  private static long stat(Admin admin, String sample) {
    try {
      return admin.stat(sample);
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void readyConfigDumpStatsAndReload_asTheAgentUsesThem() throws Exception {
    PolicyTree tree = PolicyTree.copy("callme", work.resolve("policy"), Map.of());
    Path live = Files.createDirectories(work.resolve("live"));
    Deployment mesh = Deployment.compile(tree.root(), work, "out", live + "/{proxy}");
    Path caller = live.resolve("caller");
    HotReloadE2eTest.repoint(caller, mesh.configDir("caller"));
    try (mesh;
        AppBackend v1 = new AppBackend("callme-v1", tree.port(9101));
        AppBackend v2 = new AppBackend("callme-v2", tree.port(9102))) {
      mesh.start("callme");
      ProxyRuntime proxy = mesh.start("caller", caller);
      Admin admin = new Admin(proxy);

      HttpResponse<String> ready = admin.get("/ready");
      assertEquals(200, ready.statusCode());
      assertEquals("LIVE\n", ready.body());

      JsonObject dump = admin.configDump();
      String hash = ConfigHash.ofDirectory(mesh.configDir("caller"));
      assertEquals("caller", dump.getAsJsonObject("node").get("id").getAsString());
      assertEquals(hash, dump.get("hash").getAsString());
      String versionInfo =
          JsonParser.parseString(
                  Files.readString(mesh.configDir("caller").resolve("listeners.json")))
              .getAsJsonObject()
              .get("version_info")
              .getAsString();
      assertEquals(versionInfo, dump.get("version").getAsString());
      assertTrue(dump.has("applied_at"));
      assertEquals(
          mesh.configDir("caller").toRealPath().toString(), dump.get("source").getAsString());

      // Traffic shows up under the series the health gate reads.
      URI uri = URI.create("http://127.0.0.1:" + tree.port(15090) + "/callme/x");
      var client = Clients.plain();
      int served = 0;
      int aborted = 0;
      for (int i = 0; i < 40; i++) {
        int status = Clients.get(client, uri, "callme").statusCode();
        served += status == 200 ? 1 : 0;
        aborted += status == 500 ? 1 : 0;
      }
      assertEquals(40, served + aborted);
      // A request is counted when its exchange ends, just after its last byte is written.
      int ok = served;
      int failed = aborted;
      Clients.await(
          () ->
              stat(
                          admin,
                          "rigging_downstream_rq_total{code_class=\"2xx\",listener=\"outbound_caller\"}")
                      == ok
                  && stat(
                          admin,
                          "rigging_downstream_rq_total{code_class=\"5xx\",listener=\"outbound_caller\"}")
                      == failed,
          "the downstream counters to show " + ok + " 2xx and " + failed + " 5xx");
      assertEquals(
          aborted,
          admin.stat(
              "rigging_fault_aborts_total{code_class=\"5xx\",listener=\"outbound_caller\"}"));
      assertTrue(admin.get("/stats").body().contains("# TYPE rigging_fault_aborts_total counter"));

      // A broken configuration is refused with the reason, and the old one keeps serving.
      Path broken = Files.createDirectories(work.resolve("broken"));
      for (String file : new String[] {"bootstrap.json", "clusters.json", "routes.json"}) {
        Files.copy(mesh.configDir("caller").resolve(file), broken.resolve(file));
      }
      Files.writeString(
          broken.resolve("listeners.json"), "{\"version_info\": \"x\", \"resources\": [");
      HotReloadE2eTest.repoint(caller, broken);
      HttpResponse<String> refused = admin.reload();
      assertEquals(422, refused.statusCode());
      String error =
          JsonParser.parseString(refused.body()).getAsJsonObject().get("error").getAsString();
      assertTrue(error.contains("listeners.json"), error);
      assertEquals(hash, admin.configDump().get("hash").getAsString());
      int status = Clients.get(client, uri, "callme").statusCode();
      assertTrue(status == 200 || status == 500, "still serving: " + status);
      assertEquals(
          1, (long) proxy.stats().value("rigging_config_reloads_total", "result", "refused"));

      // Repaired: the next reload applies.
      HotReloadE2eTest.repoint(caller, mesh.configDir("caller"));
      HttpResponse<String> applied = admin.reload();
      assertEquals(200, applied.statusCode(), applied.body());
      assertFalse(admin.configDump().has("last_reload_error"));

      assertEquals(405, admin.get("/reload").statusCode());
      assertEquals(404, admin.get("/nope").statusCode());
    }
  }
}
