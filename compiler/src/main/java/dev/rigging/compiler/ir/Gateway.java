package dev.rigging.compiler.ir;

import dev.rigging.source.Span;
import java.util.List;

/**
 * An ingress gateway: a proxy of its own, listening on {@code port} for {@code hosts} and routing
 * by its rules to services of the mesh.
 */
public record Gateway(
    String name,
    int port,
    Protocol protocol,
    List<String> hosts,
    List<RouteRule> rules,
    Span span) {
  public Gateway {
    hosts = List.copyOf(hosts);
    rules = List.copyOf(rules);
  }
}
