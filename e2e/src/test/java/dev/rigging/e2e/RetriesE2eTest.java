package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rigging.proxy.runtime.ProxyRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries as Envoy's router makes them, on the callme route compiled with {@code retries 2 on 5xx}
 * instead of its faults: a 503 from the app is retried and the client sees the retry's answer; an
 * app that keeps failing is tried three times, and the client gets its last answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetriesE2eTest {
  @TempDir Path work;

  @Test
  void fiveHundredsAreRetried_upToTheLimit() throws Exception {
    PolicyTree tree =
        PolicyTree.copy(
            "callme",
            work.resolve("policy"),
            Map.of(
                "    split v1 20%, v2 80%\n    fault delay 5s on 10%, abort 500 on 10%\n",
                "    to v1\n    retries 2 on 5xx backoff 5ms\n"));
    try (Deployment mesh = Deployment.compile(tree.root(), work);
        AppBackend v1 = new AppBackend("callme-v1", tree.port(9101));
        AppBackend v2 = new AppBackend("callme-v2", tree.port(9102))) {
      mesh.start("callme");
      ProxyRuntime caller = mesh.start("caller");
      HttpClient client = Clients.plain();
      String base = "http://127.0.0.1:" + tree.port(15090) + "/callme/x";

      for (int i = 0; i < 10; i++) {
        var response = Clients.get(client, URI.create(base + "?flaky=" + i), "callme");
        assertEquals(200, response.statusCode(), "the retry's answer");
        assertEquals("callme-v1\n", response.body());
      }
      assertEquals(20, v1.requests.get(), "each request failed once, then succeeded");
      assertEquals(10, CallmeCanaryE2eTest.counter(caller, "rigging_upstream_rq_retry_total"));

      var failing = Clients.get(client, URI.create(base + "?status=503"), "callme");
      assertEquals(503, failing.statusCode(), "the last attempt's answer");
      assertEquals(23, v1.requests.get(), "one try and two retries");
      assertEquals(0, v2.requests.get());
      assertEquals(12, CallmeCanaryE2eTest.counter(caller, "rigging_upstream_rq_retry_total"));
    }
  }
}
