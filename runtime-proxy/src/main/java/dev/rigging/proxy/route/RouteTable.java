package dev.rigging.proxy.route;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A route configuration: its virtual hosts, each domain served by exactly one of them.
 *
 * @param name the route configuration's name
 * @param virtualHosts the virtual hosts
 * @param ignorePortInHostMatching Envoy's {@code ignore_port_in_host_matching}: when false (the
 *     default), {@code Host: a:8080} is looked up as {@code a:8080}
 */
public record RouteTable(
    String name, List<VirtualHost> virtualHosts, boolean ignorePortInHostMatching) {

  public RouteTable {
    Objects.requireNonNull(name, "name");
    virtualHosts = List.copyOf(virtualHosts);
    // Envoy refuses a route configuration with a domain served twice, case-insensitively.
    Set<String> seen = new HashSet<>();
    for (VirtualHost host : virtualHosts) {
      for (String domain : host.domains()) {
        if (!seen.add(domain.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException(
              "domain " + domain + " of virtual host " + host.name() + " is served twice");
        }
      }
    }
  }
}
