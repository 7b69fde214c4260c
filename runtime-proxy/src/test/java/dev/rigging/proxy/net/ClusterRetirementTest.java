package dev.rigging.proxy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster a reload replaced lets go of its upstream connections: idle ones close at once, a busy
 * one once its exchange ends, and the pools and budget go with the last. Without retirement each
 * would idle for the upstream idle timeout (a minute by default) and its bookkeeping stay for good.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClusterRetirementTest {
  private TestBackend backend;
  private DataPlane plane;
  private ListenerSocket listener;
  private final AtomicReference<UpstreamCluster> routed = new AtomicReference<>();

  /**
   * A permit per request routed. The router runs on the event loop in the same task that acquires
   * the connection, so a retirement asked for after taking a permit runs after that acquisition.
   */
  private final Semaphore routedRequests = new Semaphore(0);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** A cluster that can be retired, as a reload retires the runtime's. */
  private static final class Replaceable implements UpstreamCluster {
    private final StaticCluster target;
    private final boolean hostsUsable;
    private volatile boolean retired;

    Replaceable(String name, InetSocketAddress host) {
      this(name, host, true, 16);
    }

    Replaceable(String name, InetSocketAddress host, boolean hostsUsable, int maxConnections) {
      target =
          new StaticCluster(
              name, host, new CircuitLimits(maxConnections, 16, 16, 3), Duration.ofSeconds(2));
      this.hostsUsable = hostsUsable;
    }

    @Override
    public String name() {
      return target.name();
    }

    @Override
    public CircuitLimits limits() {
      return target.limits();
    }

    @Override
    public Optional<io.netty.handler.ssl.SslContext> tls() {
      return Optional.empty();
    }

    @Override
    public Duration connectTimeout() {
      return target.connectTimeout();
    }

    @Override
    public Optional<InetSocketAddress> choose(long random) {
      return hostsUsable ? target.choose(random) : Optional.empty();
    }

    @Override
    public boolean retired() {
      return retired;
    }
  }

  @BeforeEach
  void start() throws Exception {
    backend = new TestBackend();
    // One event loop: a released connection can go to a request waiting on the same loop only.
    plane = new DataPlane(ProxyLimits.DEFAULTS, 1, Transport.preferred());
    listener =
        plane.bind(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            head -> {
              Decision decision =
                  Decision.Forward.to(
                      routed.get(), head.uri(), HeaderEdits.NONE, Duration.ofSeconds(10));
              routedRequests.release();
              return decision;
            },
            Optional.empty());
  }

  @AfterEach
  void stop() {
    client.close();
    listener.close();
    plane.close();
    backend.close();
  }

  @Test
  void idleConnections_closeAtOnce_andThePoolGoes() throws Exception {
    Replaceable first = routeTo(new Replaceable("app", backend.address()));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, get("/x").statusCode());
    }
    assertEquals(1, backend.accepted.get(), "one kept-alive connection carried all three");
    assertEquals(1, plane.pooledClusters());

    reloadReplacing(first);

    awaitEquals(1, backend.closed::get, "the idle connection closes without waiting a minute");
    awaitEquals(0, plane::pooledClusters, "nothing is kept for the retired cluster");
    assertEquals(200, get("/x").statusCode());
    assertEquals(2, backend.accepted.get(), "the new cluster opens its own connection");
    assertEquals(1, plane.pooledClusters());
  }

  @Test
  void aBusyConnection_finishesItsExchange_thenCloses() throws Exception {
    Replaceable first = routeTo(new Replaceable("app", backend.address()));
    CompletableFuture<HttpResponse<String>> inFlight = sendAsync("/slow?ms=400");
    awaitEquals(1, backend.accepted::get, "the request reached the backend");

    reloadReplacing(first);

    HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, answer.statusCode(), "a request started before the swap finishes");
    assertEquals("slow", answer.body());
    awaitEquals(1, backend.closed::get, "its connection closes instead of going to the pool");
    awaitEquals(0, plane::pooledClusters, "and the pool goes with it");
  }

  @Test
  void aRequestWaitingOnARetiredCluster_getsTheConnectionItWaitedFor() throws Exception {
    Replaceable first = routeTo(new Replaceable("app", backend.address(), true, 1));
    CompletableFuture<HttpResponse<String>> holding = sendAsync("/slow?ms=400");
    assertTrue(routedRequests.tryAcquire(5, TimeUnit.SECONDS));
    CompletableFuture<HttpResponse<String>> waiting = sendAsync("/slow?ms=100");
    assertTrue(routedRequests.tryAcquire(5, TimeUnit.SECONDS), "the second one waits for it");

    reloadReplacing(first);

    assertEquals(200, holding.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(200, waiting.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(1, backend.accepted.get(), "the waiting request took the released connection");
    awaitEquals(1, backend.closed::get, "which closed after it");
    awaitEquals(0, plane::pooledClusters, "and nothing is kept");
  }

  @Test
  void aClusterWhoseRequestsNeverReachedAHost_leavesNothingEither() throws Exception {
    Replaceable hostless = routeTo(new Replaceable("app", backend.address(), false, 16));
    assertEquals(503, get("/x").statusCode(), "no healthy host");
    assertEquals(1, plane.pooledClusters(), "the request took a slot of the cluster's budget");

    reloadReplacing(hostless);
    awaitEquals(0, plane::pooledClusters, "a budget without pools goes too");
    assertEquals(200, get("/x").statusCode());
  }

  @Test
  void aClusterStillInUse_cannotBeRetired() {
    Replaceable live = new Replaceable("app", backend.address());
    assertThrows(IllegalArgumentException.class, () -> plane.retire(live));
  }

  /** Sends new requests to {@code cluster}. */
  private Replaceable routeTo(Replaceable cluster) {
    routed.set(cluster);
    return cluster;
  }

  /** What a reload does to a cluster it replaces: new requests go to its successor, it retires. */
  private void reloadReplacing(Replaceable old) {
    routeTo(new Replaceable("app", backend.address()));
    old.retired = true;
    plane.retire(old);
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
    return client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + listener.address().getPort() + path))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  /** Polls for at most 5 s: closing happens on the event loops, after the call returns. */
  private static void awaitEquals(int expected, IntSupplier actual, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (actual.getAsInt() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, actual.getAsInt(), what);
  }
}
