package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig proxy} as the GitOps agent runs it: a child process that prints one line once it
 * serves, answers the admin API, writes its access log, and stops cleanly on SIGTERM.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RigProxyProcessE2eTest {
  private static final Pattern SERVING =
      Pattern.compile(
          "rig proxy: serving .*outbound 127\\.0\\.0\\.1:(\\d+); admin 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path work;

  @Test
  void servesUntilSigterm_thenStopsCleanly() throws Exception {
    PolicyTree tree =
        PolicyTree.copy(
            "callme",
            work.resolve("policy"),
            Map.of("    fault delay 5s on 10%, abort 500 on 10%\n", ""));
    Path log = work.resolve("access.log");
    try (Deployment mesh = Deployment.compile(tree.root(), work);
        AppBackend v1 = new AppBackend("callme-v1", tree.port(9101));
        AppBackend v2 = new AppBackend("callme-v2", tree.port(9102))) {
      mesh.start("callme");
      Process rig =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.rigging.cli.Main",
                  "proxy",
                  "--config",
                  mesh.configDir("caller").toString(),
                  "--admin",
                  "127.0.0.1:0",
                  "--access-log",
                  log.toString(),
                  "--workers",
                  "1")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        BufferedReader stderr =
            new BufferedReader(new InputStreamReader(rig.getErrorStream(), StandardCharsets.UTF_8));
        String line = stderr.readLine();
        Matcher serving = SERVING.matcher(line == null ? "" : line);
        assertTrue(serving.find(), "the serving line: " + line);
        assertEquals(tree.port(15090), Integer.parseInt(serving.group(1)));
        String admin = "http://127.0.0.1:" + serving.group(2);

        HttpClient client = Clients.plain();
        assertEquals("LIVE\n", get(client, admin + "/ready").body());
        URI uri = URI.create("http://127.0.0.1:" + tree.port(15090) + "/callme/x");
        for (int i = 0; i < 5; i++) {
          assertEquals(200, Clients.get(client, uri, "callme").statusCode());
        }

        rig.destroy(); // SIGTERM
        assertTrue(rig.waitFor(20, TimeUnit.SECONDS), "rig proxy stops on SIGTERM");
        assertEquals(143, rig.exitValue(), "the JVM's status for SIGTERM, after the clean stop");
        List<String> lines = Files.readAllLines(log);
        assertEquals(5, lines.size(), "every request logged and flushed: " + lines);
        assertTrue(lines.get(0).contains("\"response_code\":200"), lines.get(0));
      } finally {
        rig.destroyForcibly();
      }
    }
  }

  private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
