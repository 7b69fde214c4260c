package dev.rigging.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VirtualHostSelectionTest {

  private static VirtualHost host(String name, String... domains) {
    return new VirtualHost(
        name,
        List.of(domains),
        List.of(
            Route.of(
                name, RouteMatch.path(PathMatch.Prefix.of("/")), RouteAction.Forward.to(name))));
  }

  private static Optional<String> chosen(RouteTable table, String authority) {
    return RouteEngine.compile(table).virtualHost(authority).map(VirtualHost::name);
  }

  private static final RouteTable TABLE =
      new RouteTable(
          "t",
          List.of(
              host("exact", "www.foo.com"),
              host("suffix-short", "*.com"),
              host("suffix-long", "*.foo.com"),
              host("suffix-dash", "*-bar.foo.com"),
              host("prefix-short", "api.*"),
              host("prefix-long", "api.internal.*"),
              host("callme", "callme", "callme:8091"),
              host("default", "*")),
          false);

  @Test
  void exactDomainBeatsEveryWildcard() {
    assertEquals(Optional.of("exact"), chosen(TABLE, "www.foo.com"));
  }

  @Test
  void longestSuffixWildcardWins() {
    assertEquals(Optional.of("suffix-long"), chosen(TABLE, "a.foo.com"));
    assertEquals(Optional.of("suffix-dash"), chosen(TABLE, "baz-bar.foo.com"));
    assertEquals(Optional.of("suffix-short"), chosen(TABLE, "a.bar.com"));
  }

  @Test
  void suffixWildcardsComeBeforePrefixWildcards() {
    assertEquals(Optional.of("suffix-short"), chosen(TABLE, "api.example.com"));
  }

  @Test
  void longestPrefixWildcardWins() {
    assertEquals(Optional.of("prefix-long"), chosen(TABLE, "api.internal.local"));
    assertEquals(Optional.of("prefix-short"), chosen(TABLE, "api.local"));
  }

  @Test
  void wildcardNeverMatchesTheEmptyString() {
    assertEquals(Optional.of("suffix-long"), chosen(TABLE, "-bar.foo.com"));
    assertEquals(Optional.of("default"), chosen(TABLE, "api."));
  }

  @Test
  void catchAllTakesTheRest() {
    assertEquals(Optional.of("default"), chosen(TABLE, "localhost"));
  }

  @Test
  void domainsCompareCaseInsensitively() {
    assertEquals(Optional.of("exact"), chosen(TABLE, "WWW.Foo.COM"));
  }

  @Test
  void portIsPartOfTheHostByDefault() {
    assertEquals(Optional.of("callme"), chosen(TABLE, "callme:8091"));
    assertEquals(Optional.of("default"), chosen(TABLE, "callme:9999"));
    assertEquals(Optional.of("default"), chosen(TABLE, "www.foo.com:80"));
  }

  @Test
  void ignorePortInHostMatchingStripsTheRequestPort() {
    RouteTable table =
        new RouteTable("t", List.of(host("a", "a.com"), host("v6", "[::1]"), host("d", "*")), true);
    assertEquals(Optional.of("a"), chosen(table, "a.com:8080"));
    assertEquals(Optional.of("v6"), chosen(table, "[::1]:80"));
    assertEquals(Optional.of("d"), chosen(table, "::1"));
  }

  @Test
  void noCatchAllMeansNoHost() {
    RouteTable table = new RouteTable("t", List.of(host("a", "a.com")), false);
    assertEquals(Optional.empty(), chosen(table, "b.com"));
  }

  @Test
  void aDomainServedTwiceIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RouteTable("t", List.of(host("a", "a.com"), host("b", "A.com")), false));
  }

  @Test
  void stripPortHandlesHostsWithoutPortsAndIpv6() {
    assertEquals("a", VirtualHostSelector.stripPort("a:1"));
    assertEquals("a", VirtualHostSelector.stripPort("a"));
    assertEquals("a:", VirtualHostSelector.stripPort("a:"));
    assertEquals("::1", VirtualHostSelector.stripPort("::1"));
    assertEquals("[::1]", VirtualHostSelector.stripPort("[::1]:443"));
    assertEquals("[::1]", VirtualHostSelector.stripPort("[::1]"));
  }
}
