package dev.rigging.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteEngineTest {

  private static Route forward(String name, RouteMatch match) {
    return Route.of(name, match, RouteAction.Forward.to("cluster-" + name));
  }

  private static RouteEngine engine(Route... routes) {
    VirtualHost all = new VirtualHost("all", List.of("*"), List.of(routes));
    return RouteEngine.compile(new RouteTable("t", List.of(all), false));
  }

  private static Optional<String> routeName(RouteEngine engine, RouteRequest request) {
    return engine.select(request).map(selection -> selection.route().name());
  }

  @Test
  void firstMatchingRouteWinsEvenWhenALaterRouteIsMoreSpecific() {
    RouteEngine engine =
        engine(
            forward("broad", RouteMatch.path(PathMatch.Prefix.of("/api"))),
            forward("specific", RouteMatch.path(PathMatch.Exact.of("/api/users"))));
    assertEquals(Optional.of("broad"), routeName(engine, RouteRequest.of("h", "/api/users")));
  }

  @Test
  void rootPrefixMatchesEveryPath() {
    RouteEngine engine = engine(forward("root", RouteMatch.path(PathMatch.Prefix.of("/"))));
    assertEquals(Optional.of("root"), routeName(engine, RouteRequest.of("h", "/")));
    assertEquals(Optional.of("root"), routeName(engine, RouteRequest.of("h", "/a/b?c=d")));
  }

  @Test
  void pathConditionsIgnoreTheQueryString() {
    RouteEngine engine =
        engine(forward("exact", RouteMatch.path(PathMatch.Exact.of("/productpage"))));
    assertEquals(
        Optional.of("exact"), routeName(engine, RouteRequest.of("h", "/productpage?u=normal")));
  }

  @Test
  void prefixIsAPlainStringPrefixNotAPathSegment() {
    RouteEngine engine = engine(forward("p", RouteMatch.path(PathMatch.Prefix.of("/callme"))));
    assertEquals(Optional.of("p"), routeName(engine, RouteRequest.of("h", "/callmeback")));
    assertEquals(Optional.empty(), routeName(engine, RouteRequest.of("h", "/call")));
  }

  @Test
  void regexMustMatchTheWholePath() {
    RouteEngine engine =
        engine(forward("r", RouteMatch.path(PathMatch.Regex.of("/v[0-9]+/items"))));
    assertEquals(Optional.of("r"), routeName(engine, RouteRequest.of("h", "/v2/items")));
    assertEquals(Optional.empty(), routeName(engine, RouteRequest.of("h", "/v2/items/7")));
    assertEquals(Optional.empty(), routeName(engine, RouteRequest.of("h", "/api/v2/items")));
  }

  @Test
  void caseInsensitivePathConditionsMatchAnyCase() {
    RouteEngine engine =
        engine(
            forward("exact", RouteMatch.path(new PathMatch.Exact("/Login", true))),
            forward("prefix", RouteMatch.path(new PathMatch.Prefix("/API", true))));
    assertEquals(Optional.of("exact"), routeName(engine, RouteRequest.of("h", "/LOGIN")));
    assertEquals(Optional.of("prefix"), routeName(engine, RouteRequest.of("h", "/api/x")));
  }

  @Test
  void headerConditionRoutesJasonToV2AndOthersFallThrough() {
    HeaderMatcher jason =
        new HeaderMatcher(
            "End-User", new HeaderMatcher.Value(new StringMatch.Exact("jason")), false);
    RouteEngine engine =
        engine(
            forward("jason", new RouteMatch(PathMatch.Prefix.of("/"), List.of(jason), List.of())),
            forward("everyone", RouteMatch.path(PathMatch.Prefix.of("/"))));
    assertEquals(
        Optional.of("jason"),
        routeName(
            engine, RouteRequest.of("h", "/reviews/0", Map.of("end-user", List.of("jason")))));
    assertEquals(
        Optional.of("everyone"),
        routeName(engine, RouteRequest.of("h", "/reviews/0", Map.of("end-user", List.of("json")))));
    assertEquals(Optional.of("everyone"), routeName(engine, RouteRequest.of("h", "/reviews/0")));
  }

  @Test
  void selectionReportsTheVirtualHostAndRoute() {
    Route route = forward("r", RouteMatch.path(PathMatch.Prefix.of("/")));
    RouteEngine engine = engine(route);
    RouteSelection selection = engine.select(RouteRequest.of("anything", "/")).orElseThrow();
    assertEquals("all", selection.virtualHost().name());
    assertEquals(route, selection.route());
  }

  @Test
  void noMatchingRouteInTheChosenHostMeansNoRouteEvenIfAnotherHostWouldMatch() {
    VirtualHost exact =
        new VirtualHost(
            "exact",
            List.of("a.com"),
            List.of(forward("only-x", RouteMatch.path(PathMatch.Exact.of("/x")))));
    VirtualHost any =
        new VirtualHost(
            "any",
            List.of("*"),
            List.of(forward("all", RouteMatch.path(PathMatch.Prefix.of("/")))));
    RouteEngine engine = RouteEngine.compile(new RouteTable("t", List.of(exact, any), false));
    assertEquals(Optional.empty(), routeName(engine, RouteRequest.of("a.com", "/y")));
    assertTrue(routeName(engine, RouteRequest.of("b.com", "/y")).isPresent());
  }

  @Test
  void unknownAuthorityWithoutCatchAllHostHasNoRoute() {
    VirtualHost exact =
        new VirtualHost(
            "exact",
            List.of("a.com"),
            List.of(forward("all", RouteMatch.path(PathMatch.Prefix.of("/")))));
    RouteEngine engine = RouteEngine.compile(new RouteTable("t", List.of(exact), false));
    assertEquals(Optional.empty(), engine.select(RouteRequest.of("b.com", "/")));
  }
}
