package dev.rigging.compiler.ir;

import dev.rigging.source.Span;

/** A static address of one instance: an IP literal or a DNS name, and a port. */
public record Endpoint(String host, int port, Span span) {
  /** Returns {@code host:port}, bracketing IPv6 literals. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
