package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rigging.proxy.net.ProxyLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keep-alive between sidecars: the caller pools its mTLS connections to callme, and callme closes
 * idle ones on its own clock. Clients pause about as long as callme's idle limit between requests,
 * so requests keep landing on pooled connections just as callme closes them; none may fail, since
 * the policy (no faults, no retries) fails none.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KeepAliveE2eTest {
  private static final Duration IDLE = Duration.ofMillis(300);
  private static final int CLIENTS = 6;
  private static final int REQUESTS_EACH = 20;

  @TempDir Path work;

  /** A 300 ms request-head limit on callme must not close connections the caller still pools. */
  @Test
  void shortHeaderTimeout_doesNotCloseConnectionsThePeerPools() throws Exception {
    ProxyLimits callme =
        ProxyLimits.DEFAULTS.withTimeouts(IDLE, Duration.ofSeconds(5), Duration.ofSeconds(60));
    assertEquals(List.of(), failures(callme), "requests failed the policy did not fail");
  }

  /**
   * When callme does close idle connections the caller still pools, the requests racing onto them
   * are sent again on fresh connections.
   */
  @Test
  void peerClosingIdleConnections_requestsAreResentOnFreshOnes() throws Exception {
    ProxyLimits callme = ProxyLimits.DEFAULTS.withDownstreamIdleTimeout(IDLE);
    assertEquals(List.of(), failures(callme), "requests failed the policy did not fail");
  }

  /** Drives the pair with concurrent keep-alive clients and returns every non-200 answer. */
  private List<String> failures(ProxyLimits callmeLimits) throws Exception {
    PolicyTree tree =
        PolicyTree.copy(
            "callme",
            work.resolve("policy"),
            Map.of(
                "    split v1 20%, v2 80%\n    fault delay 5s on 10%, abort 500 on 10%\n",
                "    to v1\n"));
    try (Deployment mesh = Deployment.compile(tree.root(), work);
        AppBackend v1 = new AppBackend("callme-v1", tree.port(9101));
        AppBackend v2 = new AppBackend("callme-v2", tree.port(9102))) {
      mesh.start("callme", mesh.configDir("callme"), callmeLimits);
      mesh.start("caller");
      URI uri = URI.create("http://127.0.0.1:" + tree.port(15090) + "/callme/x");
      ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          running.add(
              clients.submit(
                  () -> {
                    HttpClient client = Clients.plain();
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                      var response = Clients.get(client, uri, "callme");
                      if (response.statusCode() != 200) {
                        failed.add(response.statusCode() + " " + response.body().strip());
                      }
                      // Pauses spread around callme's idle limit, so requests meet closing
                      // connections (a pacing, not a wait for a condition).
                      long half = IDLE.toMillis() / 2;
                      Thread.sleep(
                          IDLE.toMillis() - half + ThreadLocalRandom.current().nextLong(2 * half));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : running) {
          f.get();
        }
      } finally {
        clients.shutdownNow();
      }
      assertEquals(CLIENTS * REQUESTS_EACH, v1.requests.get() + failed.size(), "each reached v1");
      return List.copyOf(failed);
    }
  }
}
