package dev.rigging.proxy.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes requests through a {@link RouteTable} with Envoy's semantics: virtual host by authority,
 * then the first route, in order, whose conditions all hold.
 *
 * <p>Immutable and thread-safe. Lookup consults a per-host {@link PathIndex}, so literal exact and
 * prefix paths cost a hash lookup and a trie walk instead of a scan over all routes.
 */
public final class RouteEngine {

  private final RouteTable table;
  private final VirtualHostSelector hosts;
  private final List<PathIndex> indices;

  private RouteEngine(RouteTable table) {
    this.table = table;
    this.hosts = new VirtualHostSelector(table);
    this.indices = table.virtualHosts().stream().map(host -> new PathIndex(host.routes())).toList();
  }

  /** An engine for {@code table}, with its indices built. */
  public static RouteEngine compile(RouteTable table) {
    return new RouteEngine(Objects.requireNonNull(table, "table"));
  }

  public RouteTable table() {
    return table;
  }

  /** The virtual host serving {@code authority}, if any (Envoy answers 404 when none does). */
  public Optional<VirtualHost> virtualHost(String authority) {
    return hosts.select(authority).map(table.virtualHosts()::get);
  }

  /**
   * The virtual host and first matching route for {@code request}; empty means Envoy's 404 "no
   * route".
   */
  public Optional<RouteSelection> select(RouteRequest request) {
    Optional<Integer> hostIndex = hosts.select(request.authority());
    if (hostIndex.isEmpty()) {
      return Optional.empty();
    }
    VirtualHost host = table.virtualHosts().get(hostIndex.get());
    List<Route> routes = host.routes();
    for (int candidate : indices.get(hostIndex.get()).candidates(request.pathWithoutQuery())) {
      Route route = routes.get(candidate);
      if (route.match().matches(request)) {
        return Optional.of(new RouteSelection(host, route));
      }
    }
    return Optional.empty();
  }
}
