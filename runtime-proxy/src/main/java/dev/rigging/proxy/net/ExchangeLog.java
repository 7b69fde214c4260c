package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * One finished request, as the access log and the downstream statistics see it.
 *
 * @param start when the request head arrived
 * @param durationNanos from the request head to the last response byte written (or the end)
 * @param method the request method
 * @param uri the request target as received
 * @param headers the request headers as received
 * @param protocol {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param responseCode the status sent downstream; 0 when none was
 * @param responseFlags Envoy's response flags that apply ({@code NR}, {@code UO}, {@code UF},
 *     {@code URX}, {@code UT}, {@code UC}, {@code DI}, {@code FI}, ...)
 * @param bytesReceived request body bytes received
 * @param bytesSent response body bytes sent
 * @param routeName the route that matched, or ""
 * @param upstreamCluster the cluster of the last attempt, or ""
 * @param upstreamHost the host of the last attempt, or null
 * @param connection the downstream connection's TLS facts
 * @param remote the downstream peer
 */
public record ExchangeLog(
    Instant start,
    long durationNanos,
    String method,
    String uri,
    HttpHeaders headers,
    String protocol,
    int responseCode,
    List<String> responseFlags,
    long bytesReceived,
    long bytesSent,
    String routeName,
    String upstreamCluster,
    InetSocketAddress upstreamHost,
    ConnectionInfo connection,
    InetSocketAddress remote) {

  public ExchangeLog {
    responseFlags = List.copyOf(responseFlags);
  }
}
