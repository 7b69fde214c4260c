package dev.rigging.proxy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.rigging.proxy.config.ConfigHash;
import dev.rigging.proxy.net.ProxyLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime on a hand-written plain-HTTP bootstrap: serving, reloads that keep or rebind sockets,
 * a refused reload that leaves the old configuration serving, and start-up failures.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyRuntimeTest {
  @TempDir Path dir;
  private HttpServer backend;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void startBackend() throws IOException {
    backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    backend.createContext(
        "/",
        exchange -> {
          byte[] body = ("app " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    backend.start();
  }

  @AfterEach
  void stopBackend() {
    backend.stop(0);
  }

  private Path bootstrap(int listenerPort, String prefixRewrite) throws IOException {
    return bootstrap(listenerPort, prefixRewrite, "1s");
  }

  private Path bootstrap(int listenerPort, String prefixRewrite, String connectTimeout)
      throws IOException {
    String rewrite = prefixRewrite == null ? "" : ",\"prefix_rewrite\":\"" + prefixRewrite + "\"";
    String json =
        """
        {"node":{"id":"edge","cluster":"edge"},
         "admin":{"address":{"socket_address":{"address":"127.0.0.1","port_value":15999}}},
         "static_resources":{
         "listeners":[{"name":"web","address":{"socket_address":{"address":"127.0.0.1","port_value":%d}},
          "filter_chains":[{"filters":[{"name":"envoy.filters.network.http_connection_manager",
           "typed_config":{"@type":"type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
            "stat_prefix":"web","http_filters":[{"name":"envoy.filters.http.router","typed_config":{
              "@type":"type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}],
            "route_config":{"name":"web","virtual_hosts":[{"name":"all","domains":["*"],
              "routes":[{"name":"r0","match":{"prefix":"/api"},"route":{"cluster":"app"%s}}]}]}}}]}]}],
         "clusters":[{"name":"app","type":"STATIC","connect_timeout":"%s","load_assignment":{
           "cluster_name":"app","endpoints":[{"lb_endpoints":[{"endpoint":{"address":{"socket_address":{
             "address":"127.0.0.1","port_value":%d}}}}]}]}}]}}
        """
            .formatted(listenerPort, rewrite, connectTimeout, backend.getAddress().getPort());
    Path file = dir.resolve("bootstrap.json");
    Files.writeString(file, json);
    return file;
  }

  private ProxyRuntime start(Path config) throws ProxyRuntime.StartException {
    return ProxyRuntime.start(
        new ConfigSource(config),
        new ProxyRuntime.Options(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            1,
            new ByteArrayOutputStream(),
            ProxyLimits.DEFAULTS));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void reload_keepsAnUnchangedListenersSocket_andAppliesTheNewRoutes() throws Exception {
    int port = freePort();
    try (ProxyRuntime proxy = start(bootstrap(port, null))) {
      assertEquals("app /api/x", get(port, "/api/x").body());
      assertEquals(404, get(port, "/other").statusCode());
      String staticHash = ConfigHash.ofDirectory(dir);
      assertEquals(staticHash, proxy.config().hash());
      assertEquals("static", proxy.config().version());
      assertEquals(
          new InetSocketAddress("127.0.0.1", 15999),
          new ConfigSource(dir.resolve("bootstrap.json")).adminAddress().orElseThrow());

      bootstrap(port, "/v2");
      var result = proxy.reload();
      assertEquals(
          new ProxyRuntime.ReloadResult.Applied(ConfigHash.ofDirectory(dir), "static"), result);
      assertEquals("app /v2/x", get(port, "/api/x").body());
      assertEquals(port, proxy.listenerAddresses().get("web").getPort());
    }
  }

  @Test
  void reload_rebindsAListenerWhoseAddressChanged() throws Exception {
    int first = freePort();
    int second = freePort();
    try (ProxyRuntime proxy = start(bootstrap(first, null))) {
      assertEquals(200, get(first, "/api").statusCode());
      bootstrap(second, null);
      assertTrue(proxy.reload() instanceof ProxyRuntime.ReloadResult.Applied);
      assertEquals(200, get(second, "/api").statusCode());
      // A fresh client: pooled connections to the old socket carry on, by design.
      HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertThrows(
          IOException.class,
          () ->
              fresh.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first + "/api")).build(),
                  HttpResponse.BodyHandlers.ofString()),
          "the old socket no longer accepts");
    }
  }

  @Test
  void refusedReload_leavesTheOldConfigurationServing() throws Exception {
    int port = freePort();
    try (ProxyRuntime proxy = start(bootstrap(port, null))) {
      String hash = proxy.config().hash();
      Files.writeString(
          dir.resolve("bootstrap.json"), "{\"node\": {\"id\": \"edge\"}, \"nope\": 1}");
      var result = proxy.reload();
      assertTrue(result instanceof ProxyRuntime.ReloadResult.Refused, result.toString());
      assertTrue(((ProxyRuntime.ReloadResult.Refused) result).error().contains("nope"));
      assertEquals(hash, proxy.config().hash());
      assertEquals(200, get(port, "/api").statusCode());
    }
  }

  @Test
  void reloadToAnOccupiedAddress_isRefused_andTheOldSocketServes() throws Exception {
    int port = freePort();
    try (ProxyRuntime proxy = start(bootstrap(port, null));
        ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      bootstrap(occupied.getLocalPort(), null);
      var result = proxy.reload();
      assertTrue(result instanceof ProxyRuntime.ReloadResult.Refused, result.toString());
      assertEquals(200, get(port, "/api").statusCode());
    }
  }

  @Test
  void startOnAnOccupiedAddress_failsNamingIt() throws Exception {
    try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      var error =
          assertThrows(
              ProxyRuntime.StartException.class,
              () -> start(bootstrap(occupied.getLocalPort(), null)));
      assertTrue(error.getMessage().contains("cannot bind"), error.getMessage());
    }
  }

  @Test
  void reload_retiresTheClustersItReplaces_andOnlyThose() throws Exception {
    int port = freePort();
    try (ProxyRuntime proxy = start(bootstrap(port, null))) {
      assertEquals(200, get(port, "/api/x").statusCode());
      ClusterRuntime first = proxy.config().clusters().get("app");

      bootstrap(port, "/v2");
      assertTrue(proxy.reload() instanceof ProxyRuntime.ReloadResult.Applied);
      assertSame(first, proxy.config().clusters().get("app"), "routes changed, not the cluster");
      assertFalse(first.retired());

      bootstrap(port, "/v2", "2s");
      assertTrue(proxy.reload() instanceof ProxyRuntime.ReloadResult.Applied);
      ClusterRuntime second = proxy.config().clusters().get("app");
      assertNotSame(first, second);
      assertTrue(first.retired(), "the replaced cluster lets go of its pooled connections");
      assertFalse(second.retired());
      assertEquals("app /v2/x", get(port, "/api/x").body());
    }
  }

  @Test
  void requestInFlight_keepsTheConfigurationItStartedWith() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    backend.createContext(
        "/api/slow",
        exchange -> {
          arrived.countDown();
          try {
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = ("slow " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    int port = freePort();
    try (ProxyRuntime proxy = start(bootstrap(port, null))) {
      var inFlight =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/slow")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertTrue(arrived.await(5, TimeUnit.SECONDS), "the request reached the app unrewritten");
      bootstrap(port, "/gone");
      assertTrue(proxy.reload() instanceof ProxyRuntime.ReloadResult.Applied);
      release.countDown();
      assertEquals("slow /api/slow", inFlight.get(5, TimeUnit.SECONDS).body());
      assertEquals("app /gone/x", get(port, "/api/x").body());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
