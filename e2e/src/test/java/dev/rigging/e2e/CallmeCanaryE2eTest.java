package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rigging.proxy.runtime.ProxyRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callme canary, end to end: the caller app sends to its sidecar's outbound listener, which
 * splits 20/80 between callme v1 and v2 over mTLS to callme's sidecar, injecting a delay into 10%
 * and an abort into 10% of the calls. The 5 s delay is compiled as 40 ms so that it can be measured
 * on thousands of requests; everything else is the policy as written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallmeCanaryE2eTest {
  private static final int REQUESTS = 5_000;
  private static final long DELAY_MS = 40;

  @TempDir Path work;

  @Test
  void canary_sharesDelaysAndAbortsWithinFiveSigma() throws Exception {
    PolicyTree tree =
        PolicyTree.copy("callme", work.resolve("policy"), Map.of("delay 5s", "delay 40ms"));
    try (Deployment mesh = Deployment.compile(tree.root(), work);
        AppBackend v1 = new AppBackend("callme-v1", tree.port(9101));
        AppBackend v2 = new AppBackend("callme-v2", tree.port(9102))) {
      mesh.start("callme");
      ProxyRuntime caller = mesh.start("caller");
      URI uri = URI.create("http://127.0.0.1:" + tree.port(15090) + "/callme/ping");
      HttpClient client = Clients.plain();

      List<Result> results = send(client, uri, REQUESTS, 16);

      long aborted = results.stream().filter(r -> r.status() == 500).count();
      long ok = results.stream().filter(r -> r.status() == 200).count();
      assertEquals(REQUESTS, aborted + ok, "only injected aborts may fail");
      assertTrue(
          results.stream()
              .filter(r -> r.status() == 500)
              .allMatch(r -> r.body().equals("fault filter abort")),
          "an abort answers Envoy's body");
      assertWithinFiveSigma(aborted, REQUESTS, 0.10, "aborts");
      long toV1 = results.stream().filter(r -> r.body().equals("callme-v1\n")).count();
      long toV2 = results.stream().filter(r -> r.body().equals("callme-v2\n")).count();
      assertEquals(ok, toV1 + toV2);
      assertEquals(toV1, v1.requests.get());
      assertEquals(toV2, v2.requests.get());
      assertWithinFiveSigma(toV1, ok, 0.20, "share of v1");

      // Delays: what the proxy logged as delayed must have taken the delay, and be 10%. Lines
      // are written off the event loops, just after each response.
      Clients.await(
          () -> mesh.accessLog("caller").size() >= REQUESTS, "one access-log line per request");
      List<JsonObject> log =
          mesh.accessLog("caller").stream()
              .map(line -> JsonParser.parseString(line).getAsJsonObject())
              .toList();
      assertEquals(REQUESTS, log.size(), "one access-log line per request");
      long delayed =
          log.stream().filter(l -> l.get("response_flags").getAsString().contains("DI")).count();
      assertWithinFiveSigma(delayed, REQUESTS, 0.10, "delays");
      assertTrue(
          log.stream()
              .filter(l -> l.get("response_flags").getAsString().contains("DI"))
              .allMatch(l -> l.get("duration_ms").getAsLong() >= DELAY_MS),
          "every delayed request took the delay");
      long slowAtClient = results.stream().filter(r -> r.millis() >= DELAY_MS).count();
      assertTrue(slowAtClient >= delayed, "the client saw at least as many slow answers");
      assertEquals(delayed, counter(caller, "rigging_fault_delays_total"));
      assertEquals(aborted, counter(caller, "rigging_fault_aborts_total"));
    }
  }

  record Result(int status, String body, long millis) {}

  /** Sends {@code n} GETs with at most {@code concurrency} in flight. */
  static List<Result> send(HttpClient client, URI uri, int n, int concurrency) throws Exception {
    Semaphore slots = new Semaphore(concurrency);
    List<CompletableFuture<Result>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      slots.acquire();
      long start = System.nanoTime();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Host", "callme")
              .timeout(Duration.ofSeconds(10))
              .build();
      futures.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .thenApply(
                  r ->
                      new Result(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000_000))
              .whenComplete((r, e) -> slots.release()));
    }
    List<Result> results = new ArrayList<>(n);
    for (CompletableFuture<Result> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  /** Binomial tolerance: |observed − n·p| ≤ 5·√(n·p·(1−p)). */
  static void assertWithinFiveSigma(long observed, long n, double p, String what) {
    double expected = n * p;
    double sigma = Math.sqrt(n * p * (1 - p));
    assertTrue(
        Math.abs(observed - expected) <= 5 * sigma,
        what + ": " + observed + " of " + n + ", expected " + expected + " ± " + 5 * sigma);
  }

  /** The sum of counter {@code name} over its label sets, as /stats shows it. */
  static long counter(ProxyRuntime proxy, String name) {
    return (long) proxy.stats().sum(name);
  }
}
