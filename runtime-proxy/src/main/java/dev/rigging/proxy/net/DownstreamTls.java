package dev.rigging.proxy.net;

import io.netty.handler.ssl.SslContext;

/** TLS termination of a listener: the server context for the name a client asks for by SNI. */
@FunctionalInterface
public interface DownstreamTls {

  /**
   * The context for a client that sent SNI {@code serverName} (null when it sent none); null when
   * no filter chain serves that name, which refuses the connection.
   */
  SslContext contextFor(String serverName);
}
