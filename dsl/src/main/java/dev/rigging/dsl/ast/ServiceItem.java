package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;

/** An entry inside a {@code service} block. */
public sealed interface ServiceItem {
  Span span();

  /** {@code port 8091 http}: the port callers use and its protocol. */
  record Port(Literal number, Name protocol, Span span) implements ServiceItem, GatewayItem {}

  /** {@code outbound 15001}: where the service's own app sends its outbound calls. */
  record Outbound(Literal number, Span span) implements ServiceItem {}

  /** {@code calls a, b}: the services this one calls; its sidecar gets routes for them. */
  record Calls(List<Name> services, Span span) implements ServiceItem {
    public Calls {
      services = List.copyOf(services);
    }
  }

  /** {@code endpoint 127.0.0.1:9101}: a static address of one instance. */
  record Endpoint(Literal address, Span span) implements ServiceItem, VersionItem {}

  /** {@code version v1 { labels {...} endpoint ... policy {...} }}. */
  record Version(Name name, List<VersionItem> items, Span span) implements ServiceItem {
    public Version {
      items = List.copyOf(items);
    }
  }

  /** {@code policy { setting value ... }}: traffic policy for a service or a version. */
  record Policy(List<Setting> settings, Span span) implements ServiceItem, VersionItem {
    public Policy {
      settings = List.copyOf(settings);
    }
  }
}
