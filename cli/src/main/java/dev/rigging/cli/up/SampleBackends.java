package dev.rigging.cli.up;

import com.sun.net.httpserver.HttpServer;
import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * One tiny HTTP server per loopback endpoint of the mesh, answering {@code <service> <version>}
 * with an {@code x-rigging-backend} header, so the traffic view can tell which version served.
 */
public final class SampleBackends implements AutoCloseable {
  /** The header naming the backend that answered: {@code service/version}. */
  public static final String HEADER = "x-rigging-backend";

  private final List<HttpServer> servers;

  private SampleBackends(List<HttpServer> servers) {
    this.servers = servers;
  }

  /** Starts a backend on every loopback endpoint of {@code mesh}; other hosts are not ours. */
  public static SampleBackends start(Mesh mesh) throws IOException {
    List<HttpServer> servers = new ArrayList<>();
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (Service service : mesh.services()) {
        for (Endpoint endpoint : service.endpoints()) {
          servers.add(serve(endpoint, service.name(), "-", executor));
        }
        for (Version version : service.versions()) {
          for (Endpoint endpoint : version.endpoints()) {
            servers.add(serve(endpoint, service.name(), version.name(), executor));
          }
        }
      }
    } catch (IOException e) {
      servers.forEach(s -> s.stop(0));
      throw e;
    }
    servers.removeIf(s -> s == null);
    return new SampleBackends(servers);
  }

  private static HttpServer serve(
      Endpoint endpoint, String service, String version, java.util.concurrent.Executor executor)
      throws IOException {
    InetAddress host = InetAddress.getByName(endpoint.host());
    if (!host.isLoopbackAddress()) {
      return null;
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, endpoint.port()), 256);
    } catch (BindException e) {
      throw new IOException(
          "cannot start the sample backend of "
              + service
              + " "
              + version
              + " on "
              + endpoint.address()
              + ": the port is in use");
    }
    byte[] body = (service + " " + version + "\n").getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.getResponseHeaders().set(HEADER, service + "/" + version);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(executor);
    server.start();
    return server;
  }

  public int count() {
    return servers.size();
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
  }
}
