package dev.rigging.proxy.route;

import java.util.Objects;
import java.util.Optional;

/**
 * One route rule of a virtual host.
 *
 * @param name the route's name (Envoy's {@code %ROUTE_NAME%})
 * @param match the conditions
 * @param action what happens on a match
 * @param fault per-route fault injection, when configured
 * @param headerEdits header changes
 * @param source the {@code .mesh} location from the route's {@code rigging} metadata, or ""
 */
public record Route(
    String name,
    RouteMatch match,
    RouteAction action,
    Optional<FaultConfig> fault,
    HeaderEdits headerEdits,
    String source) {

  public Route {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(headerEdits, "headerEdits");
    Objects.requireNonNull(source, "source");
  }

  /** A route with only a name, a match and an action. */
  public static Route of(String name, RouteMatch match, RouteAction action) {
    return new Route(name, match, action, Optional.empty(), HeaderEdits.NONE, "");
  }
}
