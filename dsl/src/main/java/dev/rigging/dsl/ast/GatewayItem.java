package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;

/** An entry inside a {@code gateway} block. */
public sealed interface GatewayItem permits ServiceItem.Port, GatewayItem.Hosts, Rule {
  Span span();

  /** {@code hosts "bookinfo.example.com", "*"}. */
  record Hosts(List<Literal> hosts, Span span) implements GatewayItem {
    public Hosts {
      hosts = List.copyOf(hosts);
    }
  }
}
