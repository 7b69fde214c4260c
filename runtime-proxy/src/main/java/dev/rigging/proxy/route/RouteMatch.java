package dev.rigging.proxy.route;

import java.util.List;
import java.util.Objects;

/** All conditions of one route: a path condition, then every header and query-parameter matcher. */
public record RouteMatch(
    PathMatch path, List<HeaderMatcher> headers, List<QueryParameterMatcher> queryParameters) {

  public RouteMatch {
    Objects.requireNonNull(path, "path");
    headers = List.copyOf(headers);
    queryParameters = List.copyOf(queryParameters);
  }

  /** A match on the path alone. */
  public static RouteMatch path(PathMatch path) {
    return new RouteMatch(path, List.of(), List.of());
  }

  /** Whether {@code request} satisfies every condition. */
  public boolean matches(RouteRequest request) {
    if (!path.matches(request.pathWithoutQuery())) {
      return false;
    }
    for (HeaderMatcher header : headers) {
      if (!header.matches(request)) {
        return false;
      }
    }
    for (QueryParameterMatcher parameter : queryParameters) {
      if (!parameter.matches(request)) {
        return false;
      }
    }
    return true;
  }
}
