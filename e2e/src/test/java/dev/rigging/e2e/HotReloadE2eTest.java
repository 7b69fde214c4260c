package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rigging.proxy.config.ConfigHash;
import dev.rigging.proxy.runtime.ProxyRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload as the GitOps agent drives it: each configuration in its own directory, a symlink
 * re-pointed atomically, {@code POST /reload}, then {@code /config_dump} polled until its hash is
 * the one the agent computed. Clients keep sending throughout; the two configurations differ in
 * their split (20/80 and 80/20) and inject no faults, so every request must succeed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HotReloadE2eTest {
  private static final int SWAPS = 50;
  private static final String NO_FAULT = "    fault delay 5s on 10%, abort 500 on 10%\n";

  @TempDir Path work;

  @Test
  void fiftySwapsUnderLoad_noRequestFails_andEachConfigServes() throws Exception {
    PolicyTree a = PolicyTree.copy("callme", work.resolve("policy-a"), Map.of(NO_FAULT, ""));
    PolicyTree b =
        a.variant(
            work.resolve("policy-b"),
            Map.of(NO_FAULT, "", "split v1 20%, v2 80%", "split v1 80%, v2 20%"));
    Path live = Files.createDirectories(work.resolve("live"));
    String template = live.resolve("{proxy}").toString();
    Deployment meshA = Deployment.compile(a.root(), work, "a", template);
    Deployment meshB = Deployment.compile(b.root(), work, "b", template);
    Path caller = live.resolve("caller");
    repoint(caller, meshA.configDir("caller"));
    try (meshA;
        meshB;
        AppBackend v1 = new AppBackend("callme-v1", a.port(9101));
        AppBackend v2 = new AppBackend("callme-v2", a.port(9102))) {
      meshA.start("callme");
      ProxyRuntime proxy = meshA.start("caller", caller);
      Admin admin = new Admin(proxy);
      int listenerPort = proxy.listenerAddresses().get("outbound").getPort();
      URI uri = URI.create("http://127.0.0.1:" + a.port(15090) + "/callme/x");

      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong sent = new AtomicLong();
      Map<String, Long> failures = new ConcurrentHashMap<>();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        running.add(clients.submit(() -> sendUntil(stop, uri, sent, failures)));
      }
      try {
        for (int swap = 1; swap <= SWAPS; swap++) {
          Deployment next = swap % 2 == 1 ? meshB : meshA;
          repoint(caller, next.configDir("caller"));
          String expected = ConfigHash.ofDirectory(next.configDir("caller"));
          HttpResponse<String> reload = admin.reload();
          assertEquals(200, reload.statusCode(), reload.body());
          JsonObject answer = JsonParser.parseString(reload.body()).getAsJsonObject();
          assertEquals(expected, answer.get("hash").getAsString());
          Clients.await(() -> hashOf(admin).equals(expected), "config_dump to show " + expected);
          long before = sent.get();
          Clients.await(() -> sent.get() >= before + 20, "traffic on the new configuration");
        }
      } finally {
        stop.set(true);
        for (Future<?> client : running) {
          client.get(30, TimeUnit.SECONDS);
        }
        clients.shutdownNow();
      }
      assertEquals(Map.of(), failures, "no request may fail: the policy injects no fault");
      assertTrue(sent.get() >= SWAPS * 20L);
      assertEquals(listenerPort, proxy.listenerAddresses().get("outbound").getPort());
      assertEquals(
          SWAPS, (long) proxy.stats().value("rigging_config_reloads_total", "result", "applied"));

      // The last swap (50, even) went back to A: 20/80. Measure on fresh traffic.
      int v1Before = v1.requests.get();
      int v2Before = v2.requests.get();
      HttpClient client = Clients.plain();
      for (int i = 0; i < 400; i++) {
        assertEquals(200, Clients.get(client, uri, "callme").statusCode());
      }
      int toV1 = v1.requests.get() - v1Before;
      assertEquals(400, toV1 + v2.requests.get() - v2Before);
      CallmeCanaryE2eTest.assertWithinFiveSigma(toV1, 400, 0.20, "share of v1 after reloads");
    }
  }

  private static String hashOf(Admin admin) {
    try {
      return admin.configDump().get("hash").getAsString();
    } catch (Exception e) {
      return "";
    }
  }

  private static void sendUntil(
      AtomicBoolean stop, URI uri, AtomicLong sent, Map<String, Long> failures) {
    HttpClient client = Clients.plain();
    while (!stop.get()) {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(uri)
                    .header("Host", "callme")
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          failures.merge("status " + response.statusCode() + ": " + response.body(), 1L, Long::sum);
        }
      } catch (Exception e) {
        failures.merge(e.toString(), 1L, Long::sum);
      }
      sent.incrementAndGet();
    }
  }

  /** Points {@code link} at {@code target} in one rename, as a deployment agent does. */
  static void repoint(Path link, Path target) throws Exception {
    Path temporary = link.resolveSibling(link.getFileName() + ".next");
    Files.deleteIfExists(temporary);
    Files.createSymbolicLink(temporary, target.toAbsolutePath());
    Files.move(
        temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
