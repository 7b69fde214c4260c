package dev.rigging.proxy.route;

import java.util.List;
import java.util.Objects;

/**
 * A named group of routes serving a set of domains ({@code www.a.com}, {@code *.a.com}, {@code
 * a.*}, {@code *}).
 */
public record VirtualHost(String name, List<String> domains, List<Route> routes) {

  public VirtualHost {
    Objects.requireNonNull(name, "name");
    domains = List.copyOf(domains);
    routes = List.copyOf(routes);
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("virtual host " + name + " has no domains");
    }
  }
}
