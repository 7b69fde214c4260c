package dev.rigging.proxy.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A proxy in front of a {@link TestBackend}, both on loopback. Paths under /local are answered by
 * the router itself, /nowhere goes to a closed port, anything else to the backend with two header
 * edits.
 */
final class ProxyFixture implements AutoCloseable {
  final TestBackend backend;
  final ProxyServer proxy;
  final InetSocketAddress deadAddress;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  ProxyFixture(ProxyLimits limits, Duration requestTimeout, int workers)
      throws IOException, InterruptedException {
    backend = new TestBackend();
    deadAddress = unusedPort();
    CircuitLimits circuit =
        new CircuitLimits(
            limits.maxConnectionsPerUpstream(), limits.maxPendingPerUpstream(), 1024, 3);
    UpstreamCluster live =
        new StaticCluster("backend", backend.address(), circuit, limits.connectTimeout());
    UpstreamCluster dead = new StaticCluster("dead", deadAddress, circuit, limits.connectTimeout());
    RequestRouter router =
        head -> {
          if (head.uri().startsWith("/local")) {
            return Decision.Respond.text(418, "short and stout");
          }
          if (head.uri().startsWith("/nowhere")) {
            return Decision.Forward.to(dead, head.uri(), HeaderEdits.NONE, requestTimeout);
          }
          return Decision.Forward.to(
              live,
              head.uri(),
              new HeaderEdits(Map.of("x-added", "yes"), List.of("x-remove-me")),
              requestTimeout);
        };
    proxy =
        ProxyServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), router, limits, workers);
  }

  InetSocketAddress address() {
    return proxy.address();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + proxy.address().getPort() + path);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static InetSocketAddress unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }
  }

  @Override
  public void close() {
    client.close();
    proxy.close();
    backend.close();
  }
}
