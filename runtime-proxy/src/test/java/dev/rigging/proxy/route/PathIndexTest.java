package dev.rigging.proxy.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathIndexTest {

  private static Route route(int i, PathMatch path) {
    return Route.of("r" + i, RouteMatch.path(path), RouteAction.Forward.to("c"));
  }

  @Test
  void thousandsOfLiteralRoutesYieldOnlyTheFewThatCanMatch() {
    List<Route> routes = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      routes.add(route(i, PathMatch.Exact.of("/svc/" + i)));
    }
    routes.add(route(5000, PathMatch.Prefix.of("/svc/")));
    routes.add(route(5001, PathMatch.Prefix.of("/other")));
    PathIndex index = new PathIndex(routes);
    assertArrayEquals(new int[] {4999, 5000}, index.candidates("/svc/4999"));
    assertArrayEquals(new int[] {5000}, index.candidates("/svc/none"));
    assertArrayEquals(new int[] {}, index.candidates("/elsewhere"));
  }

  @Test
  void regexAndCaseInsensitiveRoutesAreAlwaysCandidatesInRouteOrder() {
    PathIndex index =
        new PathIndex(
            List.of(
                route(0, PathMatch.Prefix.of("/")),
                route(1, PathMatch.Regex.of("/x.*")),
                route(2, new PathMatch.Exact("/Y", true)),
                route(3, PathMatch.Exact.of("/z"))));
    assertArrayEquals(new int[] {0, 1, 2}, index.candidates("/q"));
    assertArrayEquals(new int[] {0, 1, 2, 3}, index.candidates("/z"));
  }
}
