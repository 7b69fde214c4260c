package dev.rigging.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application behind a sidecar: a real HTTP/1.1 server on a loopback port that answers with its
 * name, and records what reached it. Query parameters change its answer: {@code sleep=<ms>} waits
 * first, {@code status=<code>} answers that status, {@code flaky=<id>} answers 503 the first time
 * it sees that id.
 */
final class AppBackend implements AutoCloseable {
  /** What one request looked like when it arrived. */
  record Seen(String method, String uri, Map<String, List<String>> headers) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null ? null : values.get(0);
    }
  }

  final String name;
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final java.util.Set<String> flakySeen =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);

  AppBackend(String name, int port) throws IOException {
    this.name = name;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    boolean counted = true;
    try (exchange) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new java.util.HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
      URI uri = exchange.getRequestURI();
      if (seen.size() < 10_000) {
        seen.add(new Seen(exchange.getRequestMethod(), uri.toString(), headers));
      }
      int status = 200;
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      for (String pair : query.split("&")) {
        if (pair.startsWith("sleep=")) {
          Thread.sleep(Long.parseLong(pair.substring(6)));
        } else if (pair.startsWith("flaky=") && flakySeen.add(pair.substring(6))) {
          status = 503;
        } else if (pair.startsWith("status=")) {
          status = Integer.parseInt(pair.substring(7));
        }
      }
      byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", "text/plain");
      // Out of flight before the response leaves: once it has, a proxy may send the next request
      // on this connection before this thread gets to run again.
      inFlight.decrementAndGet();
      counted = false;
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (counted) {
        inFlight.decrementAndGet();
      }
    }
  }

  /** The requests seen whose URI starts with {@code prefix}. */
  long count(String prefix) {
    return seen.stream().filter(s -> s.uri().startsWith(prefix)).count();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
