package dev.rigging.proxy.log;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the access log knows about one finished request: the inputs of Envoy's command operators.
 *
 * @param startTime when the first byte of the request arrived ({@code %START_TIME%})
 * @param durationMillis from then to the last byte sent ({@code %DURATION%})
 * @param requestHeaders the request's headers, pseudo-headers ({@code :method}, {@code :path},
 *     {@code :authority}) included ({@code %REQ(X)%})
 * @param responseCode the status sent, 0 when none was ({@code %RESPONSE_CODE%})
 * @param responseFlags Envoy's response flags such as {@code UF,URX}, "" when none ({@code
 *     %RESPONSE_FLAGS%})
 * @param bytesReceived request body bytes received ({@code %BYTES_RECEIVED%})
 * @param bytesSent response body bytes sent ({@code %BYTES_SENT%})
 * @param protocol {@code HTTP/1.1} or {@code HTTP/2} ({@code %PROTOCOL%})
 * @param upstreamCluster the cluster the request went to ({@code %UPSTREAM_CLUSTER%})
 * @param upstreamHost the endpoint, {@code ip:port} ({@code %UPSTREAM_HOST%})
 * @param routeName the matched route's name ({@code %ROUTE_NAME%})
 * @param downstreamRemoteAddress the client, {@code ip:port} ({@code %DOWNSTREAM_REMOTE_ADDRESS%})
 * @param downstreamPeerUriSan the URI SAN of the client's verified certificate ({@code
 *     %DOWNSTREAM_PEER_URI_SAN%})
 */
public record RequestLog(
    Instant startTime,
    long durationMillis,
    HeaderLookup requestHeaders,
    int responseCode,
    String responseFlags,
    long bytesReceived,
    long bytesSent,
    String protocol,
    Optional<String> upstreamCluster,
    Optional<String> upstreamHost,
    Optional<String> routeName,
    String downstreamRemoteAddress,
    Optional<String> downstreamPeerUriSan) {

  public RequestLog {
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(requestHeaders, "requestHeaders");
    Objects.requireNonNull(responseFlags, "responseFlags");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(upstreamCluster, "upstreamCluster");
    Objects.requireNonNull(upstreamHost, "upstreamHost");
    Objects.requireNonNull(routeName, "routeName");
    Objects.requireNonNull(downstreamRemoteAddress, "downstreamRemoteAddress");
    Objects.requireNonNull(downstreamPeerUriSan, "downstreamPeerUriSan");
  }

  /** Request headers by name, so that the data path can hand over its own header map as is. */
  @FunctionalInterface
  public interface HeaderLookup {
    /** The value of header {@code lowerCaseName} (joined with "," when repeated), or null. */
    String get(String lowerCaseName);
  }
}
