package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the access log says about one exchange, gathered while it runs. */
final class ExchangeRecord {
  private final Instant startTime = Instant.now();
  private final long startNanos = System.nanoTime();
  private final List<String> flags = new ArrayList<>(2);
  int responseCode;
  long bytesReceived;
  long bytesSent;
  String routeName = "";
  String upstreamCluster = "";
  InetSocketAddress host;

  /** The headers as forwarded (a generated x-request-id included), as Envoy's %REQ()% shows. */
  HttpHeaders forwardedHeaders;

  /** Adds an Envoy response flag, once. */
  void addFlag(String flag) {
    if (!flag.isEmpty() && !flags.contains(flag)) {
      flags.add(flag);
    }
  }

  /** The finished record of {@code request}, received on {@code connection}. */
  ExchangeLog toLog(HttpRequest request, DownstreamHandler connection) {
    return new ExchangeLog(
        startTime,
        System.nanoTime() - startNanos,
        request.method().name(),
        request.uri(),
        forwardedHeaders != null ? forwardedHeaders : request.headers(),
        request.protocolVersion().text(),
        responseCode,
        flags,
        bytesReceived,
        bytesSent,
        routeName,
        upstreamCluster,
        host,
        connection.info(),
        connection.remote());
  }
}
