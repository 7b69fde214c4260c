package dev.rigging.proxy.route;

import java.util.Objects;

/**
 * The outcome of routing a request: the virtual host chosen by authority and the first route that
 * matched.
 */
public record RouteSelection(VirtualHost virtualHost, Route route) {

  public RouteSelection {
    Objects.requireNonNull(virtualHost, "virtualHost");
    Objects.requireNonNull(route, "route");
  }
}
