package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Istio's Bookinfo traffic-management tasks, each compiled from {@code policies/bookinfo/<task>}
 * and run as Istio documents it. The test plays the calling application: it sends to the caller's
 * sidecar outbound listener (productpage's for reviews, reviews' for ratings) or to the gateway.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BookinfoE2eTest {
  @TempDir Path work;

  private record Reviews(AppBackend v1, AppBackend v2, AppBackend v3) implements AutoCloseable {
    static Reviews start(PolicyTree tree) throws Exception {
      return new Reviews(
          new AppBackend("reviews-v1", tree.port(19182)),
          new AppBackend("reviews-v2", tree.port(19282)),
          new AppBackend("reviews-v3", tree.port(19382)));
    }

    @Override
    public void close() {
      v1.close();
      v2.close();
      v3.close();
    }
  }

  private static URI outbound(PolicyTree tree, int outboundPort, String path) {
    return URI.create("http://127.0.0.1:" + tree.port(outboundPort) + path);
  }

  @Test
  void requestRouting_jasonSeesV2_everyoneElseV1() throws Exception {
    PolicyTree tree = PolicyTree.copy("bookinfo", work.resolve("policy"), Map.of());
    try (Deployment mesh = Deployment.compile(tree.root().resolve("request-routing"), work);
        Reviews reviews = Reviews.start(tree)) {
      mesh.start("productpage");
      mesh.start("reviews");
      HttpClient client = Clients.plain();
      URI uri = outbound(tree, 15080, "/reviews/0");
      for (int i = 0; i < 20; i++) {
        assertEquals(
            "reviews-v2\n", Clients.get(client, uri, "reviews", "end-user", "jason").body());
        assertEquals("reviews-v1\n", Clients.get(client, uri, "reviews").body());
        assertEquals(
            "reviews-v1\n", Clients.get(client, uri, "reviews", "end-user", "jasonx").body());
      }
      assertEquals(0, reviews.v3().requests.get());
    }
  }

  @Test
  void trafficShifting_fiftyFiftyBetweenV1AndV3() throws Exception {
    PolicyTree tree = PolicyTree.copy("bookinfo", work.resolve("policy"), Map.of());
    try (Deployment mesh = Deployment.compile(tree.root().resolve("traffic-shifting"), work);
        Reviews reviews = Reviews.start(tree)) {
      mesh.start("productpage");
      mesh.start("reviews");
      HttpClient client = Clients.plain();
      URI uri = outbound(tree, 15080, "/reviews/0");
      int n = 600;
      for (int i = 0; i < n; i++) {
        assertEquals(200, Clients.get(client, uri, "reviews").statusCode());
      }
      assertEquals(0, reviews.v2().requests.get());
      assertEquals(n, reviews.v1().requests.get() + reviews.v3().requests.get());
      CallmeCanaryE2eTest.assertWithinFiveSigma(reviews.v1().requests.get(), n, 0.5, "v1 share");
    }
  }

  @Test
  void faultDelay_jasonsRatingsAreHeld_othersAreNot() throws Exception {
    // Istio's 7 s, compiled as 300 ms.
    PolicyTree tree =
        PolicyTree.copy("bookinfo", work.resolve("policy"), Map.of("delay 7s", "delay 300ms"));
    try (Deployment mesh = Deployment.compile(tree.root().resolve("fault-delay"), work);
        AppBackend ratings = new AppBackend("ratings-v1", tree.port(19083))) {
      ProxyRuntime reviews = mesh.start("reviews");
      mesh.start("ratings");
      HttpClient client = Clients.plain();
      URI uri = outbound(tree, 15082, "/ratings/0");
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        HttpResponse<String> jason = Clients.get(client, uri, "ratings", "end-user", "jason");
        long jasonMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, jason.statusCode());
        assertTrue(jasonMillis >= 300, "jason's call took " + jasonMillis + " ms");
        assertEquals(200, Clients.get(client, uri, "ratings").statusCode());
      }
      assertEquals(3, CallmeCanaryE2eTest.counter(reviews, "rigging_fault_delays_total"));
      assertEquals(6, ratings.requests.get());
    }
  }

  @Test
  void faultAbort_jasonGets500FromTheFaultFilter_othersAreServed() throws Exception {
    PolicyTree tree = PolicyTree.copy("bookinfo", work.resolve("policy"), Map.of());
    try (Deployment mesh = Deployment.compile(tree.root().resolve("fault-abort"), work);
        AppBackend ratings = new AppBackend("ratings-v1", tree.port(19083))) {
      ProxyRuntime reviews = mesh.start("reviews");
      mesh.start("ratings");
      HttpClient client = Clients.plain();
      URI uri = outbound(tree, 15082, "/ratings/0");
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> jason = Clients.get(client, uri, "ratings", "end-user", "jason");
        assertEquals(500, jason.statusCode());
        assertEquals("fault filter abort", jason.body());
        assertEquals("ratings-v1\n", Clients.get(client, uri, "ratings").body());
      }
      assertEquals(10, ratings.requests.get());
      assertEquals(10, CallmeCanaryE2eTest.counter(reviews, "rigging_fault_aborts_total"));
    }
  }

  @Test
  void requestTimeout_halfASecondThenEnvoys504() throws Exception {
    PolicyTree tree = PolicyTree.copy("bookinfo", work.resolve("policy"), Map.of());
    try (Deployment mesh = Deployment.compile(tree.root().resolve("request-timeouts"), work);
        Reviews reviews = Reviews.start(tree)) {
      mesh.start("productpage");
      mesh.start("reviews");
      HttpClient client = Clients.plain();
      // reviews v2 answers after 2 s (Istio's delayed ratings call); the route gives up at 0.5 s.
      long start = System.nanoTime();
      HttpResponse<String> slow =
          Clients.get(client, outbound(tree, 15080, "/reviews/0?sleep=2000"), "reviews");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(504, slow.statusCode());
      assertEquals("upstream request timeout\n", slow.body());
      assertTrue(millis >= 500 && millis < 1900, "gave up after " + millis + " ms");
      HttpResponse<String> fast =
          Clients.get(client, outbound(tree, 15080, "/reviews/0?sleep=10"), "reviews");
      assertEquals(200, fast.statusCode());
      assertEquals("reviews-v2\n", fast.body());
    }
  }

  @Test
  void circuitBreaker_twoClientsPass_threeOverflow() throws Exception {
    PolicyTree tree = PolicyTree.copy("bookinfo", work.resolve("policy"), Map.of());
    try (Deployment mesh = Deployment.compile(tree.root().resolve("circuit-breaking"), work);
        AppBackend productpage = new AppBackend("productpage-v1", tree.port(19080))) {
      ProxyRuntime gateway = mesh.start("bookinfo-gateway");
      mesh.start("productpage");
      URI uri = URI.create("http://127.0.0.1:" + tree.port(8080) + "/productpage?sleep=60");
      String overflow = "rigging_upstream_cb_overflow_total";

      List<Integer> two = concurrently(uri, 2, 8);
      long twoOk = two.stream().filter(s -> s == 200).count();
      assertTrue(twoOk >= 14, "2 concurrent clients: " + two);
      long overflowAfterTwo = CallmeCanaryE2eTest.counter(gateway, overflow);

      List<Integer> three = concurrently(uri, 3, 8);
      long threeFailed = three.stream().filter(s -> s == 503).count();
      assertTrue(threeFailed >= 4, "3 concurrent clients: " + three);
      assertEquals(24, three.stream().filter(s -> s == 200 || s == 503).count());
      assertTrue(
          CallmeCanaryE2eTest.counter(gateway, overflow) >= overflowAfterTwo + threeFailed,
          "the overflow counter rose");
      assertTrue(productpage.maxInFlight.get() <= 1, "one connection, one request at a time");

      // Outlier detection: one 5xx ejects the only host (Envoy's panic threshold keeps routing).
      URI failing = URI.create("http://127.0.0.1:" + tree.port(8080) + "/productpage?status=500");
      assertEquals(500, Clients.get(Clients.plain(), failing, null).statusCode());
      assertEquals(1, CallmeCanaryE2eTest.counter(gateway, "rigging_outlier_ejections_total"));
      assertEquals(1, CallmeCanaryE2eTest.counter(gateway, "rigging_outlier_ejections_active"));
      assertEquals(200, Clients.get(Clients.plain(), uri, null).statusCode());
    }
  }

  @Test
  void mirroring_everyRequestReachesBothVersions_mirrorRepliesDiscarded() throws Exception {
    PolicyTree tree = PolicyTree.copy("bookinfo", work.resolve("policy"), Map.of());
    try (Deployment mesh = Deployment.compile(tree.root().resolve("mirroring"), work);
        Reviews reviews = Reviews.start(tree)) {
      mesh.start("productpage");
      mesh.start("reviews");
      HttpClient client = Clients.plain();
      URI uri = outbound(tree, 15080, "/reviews/0");
      int n = 30;
      for (int i = 0; i < n; i++) {
        HttpResponse<String> response = Clients.get(client, uri, "reviews");
        assertEquals(200, response.statusCode());
        assertEquals("reviews-v1\n", response.body());
      }
      Clients.await(() -> reviews.v2().requests.get() == n, "every copy to reach v2");
      assertEquals(n, reviews.v1().requests.get());
      assertTrue(
          reviews.v2().seen.stream().allMatch(s -> s.header("host").startsWith("reviews-shadow")),
          "mirrored requests carry the -shadow authority");
    }
  }

  /** {@code clients} threads each sending {@code rounds} requests; the statuses seen. */
  private static List<Integer> concurrently(URI uri, int clients, int rounds) throws Exception {
    List<CompletableFuture<List<Integer>>> all = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      all.add(
          CompletableFuture.supplyAsync(
              () -> {
                HttpClient client = Clients.plain();
                List<Integer> statuses = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                  try {
                    statuses.add(
                        client
                            .send(
                                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.discarding())
                            .statusCode());
                  } catch (Exception e) {
                    statuses.add(-1);
                  }
                }
                return statuses;
              }));
    }
    List<Integer> statuses = new ArrayList<>();
    for (var future : all) {
      statuses.addAll(future.get());
    }
    return statuses;
  }
}
