package dev.rigging.proxy.runtime;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rigging.proxy.stats.ProxyMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin listener (plain HTTP, meant for loopback): {@code GET /ready}, {@code GET /stats}
 * (Prometheus text), {@code GET /config_dump} and {@code POST /reload}. The GitOps agent relies on
 * these paths and fields; see docs/PROXY.md.
 */
final class AdminServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AdminServer.class.getName());

  private final HttpServer server;
  private final ExecutorService executor;
  private final ProxyRuntime runtime;

  AdminServer(InetSocketAddress address, ProxyRuntime runtime) throws IOException {
    this.runtime = runtime;
    this.server = HttpServer.create(address, 16);
    this.executor =
        Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().daemon().name("rigging-admin").unstarted(task));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  void start() {
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      switch (path) {
        case "/ready" -> {
          if (requireMethod(exchange, "GET")) {
            boolean ready = runtime.ready();
            send(exchange, ready ? 200 : 503, "text/plain", ready ? "LIVE\n" : "NOT_READY\n");
          }
        }
        case "/stats", "/stats/prometheus" -> {
          if (requireMethod(exchange, "GET")) {
            send(exchange, 200, ProxyMetrics.CONTENT_TYPE, runtime.stats().prometheusText());
          }
        }
        case "/config_dump" -> {
          if (requireMethod(exchange, "GET")) {
            send(exchange, 200, "application/json", configDump());
          }
        }
        case "/reload" -> {
          if (requireMethod(exchange, "POST")) {
            exchange.getRequestBody().readAllBytes();
            JsonObject body = new JsonObject();
            switch (runtime.reload()) {
              case ProxyRuntime.ReloadResult.Applied applied -> {
                body.addProperty("hash", applied.hash());
                body.addProperty("version", applied.version());
                send(exchange, 200, "application/json", body + "\n");
              }
              case ProxyRuntime.ReloadResult.Refused refused -> {
                body.addProperty("error", refused.error());
                send(exchange, 422, "application/json", body + "\n");
              }
            }
          }
        }
        default -> send(exchange, 404, "text/plain", "unknown admin path " + path + "\n");
      }
      LOG.fine(() -> method + " " + path);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "admin request failed", e);
    }
  }

  private String configDump() {
    RuntimeConfig config = runtime.config();
    JsonObject dump = new JsonObject();
    JsonObject node = new JsonObject();
    node.addProperty("id", config.nodeId());
    dump.add("node", node);
    dump.addProperty("hash", config.hash());
    dump.addProperty("version", config.version());
    dump.addProperty("applied_at", config.appliedAt().toString());
    dump.addProperty("source", config.source());
    JsonArray listeners = new JsonArray();
    runtime
        .listenerAddresses()
        .forEach(
            (name, address) -> {
              JsonObject listener = new JsonObject();
              listener.addProperty("name", name);
              listener.addProperty(
                  "address", address.getAddress().getHostAddress() + ":" + address.getPort());
              ListenerRuntime runtimeListener = config.listeners().get(name);
              listener.addProperty("tls", runtimeListener != null && runtimeListener.tls());
              listeners.add(listener);
            });
    dump.add("listeners", listeners);
    JsonArray clusters = new JsonArray();
    config.clusters().keySet().stream().sorted().forEach(clusters::add);
    dump.add("clusters", clusters);
    if (!runtime.lastReloadError().isEmpty()) {
      dump.addProperty("last_reload_error", runtime.lastReloadError());
    }
    return new GsonBuilder().setPrettyPrinting().create().toJson(dump) + "\n";
  }

  private static boolean requireMethod(HttpExchange exchange, String method) throws IOException {
    if (exchange.getRequestMethod().equals(method)) {
      return true;
    }
    exchange.getResponseHeaders().set("allow", method);
    send(exchange, 405, "text/plain", "use " + method + "\n");
    return false;
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
