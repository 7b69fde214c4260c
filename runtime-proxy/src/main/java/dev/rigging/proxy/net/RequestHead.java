package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;

/**
 * What a router may look at: the request line, the headers as the client sent them, and the two
 * ends of the downstream connection with its TLS facts.
 *
 * @param headers read-only view; routers express changes through {@link HeaderEdits}
 */
public record RequestHead(
    HttpMethod method,
    String uri,
    HttpHeaders headers,
    InetSocketAddress remote,
    InetSocketAddress local,
    ConnectionInfo connection) {

  /** A head on a plain-text connection. */
  public RequestHead(
      HttpMethod method,
      String uri,
      HttpHeaders headers,
      InetSocketAddress remote,
      InetSocketAddress local) {
    this(method, uri, headers, remote, local, ConnectionInfo.PLAIN);
  }
}
