package dev.rigging.emitters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceMapLookupTest {
  private final SourceFile file = SourceFile.of("x.mesh", "root\nroute one\nroute twelve\nkey\n");
  private final Span root = new Span(file, 0, 4);
  private final Span one = new Span(file, 5, 14);
  private final Span twelve = new Span(file, 15, 27);
  private final Span key = new Span(file, 28, 31);

  private final SourceMap map =
      SourceMap.of(
          root,
          Map.of(
              "a.routes[1]", one,
              ".a.routes[12]", twelve,
              "a.policies[\"deny-0\"]", key));

  @Test
  void longestPrefixBySegments() {
    assertEquals(Optional.of(one), map.lookup("a.routes[1].match.path"));
    assertEquals(Optional.of(twelve), map.lookup("a.routes[12]"));
    // "a.routes[1]" is a character prefix of "a.routes[13]" but not a segment prefix.
    assertEquals(Optional.of(root), map.lookup("a.routes[13]"));
    assertEquals(Optional.of(root), map.lookup("a.routesX"));
  }

  @Test
  void mapKeysInEitherNotation() {
    assertEquals(Optional.of(key), map.lookup("a.policies[\"deny-0\"].principals[0]"));
    assertEquals(Optional.of(key), map.lookup("a.policies.deny-0.principals[0]"));
    assertEquals(Optional.of(root), map.lookup("a.policies[\"deny-1\"]"));
  }

  @Test
  void rootWhenNothingMatches() {
    assertEquals(Optional.of(root), map.lookup(""));
    assertEquals(Optional.of(root), map.lookup("zzz[0]"));
    assertEquals(Optional.empty(), SourceMap.of(null, Map.of()).lookup("a"));
  }

  @Test
  void segmentsParseEscapedKeys() {
    assertEquals(
        List.of("m", "[\"a.b\\\"c\"]", "[0]", "x"), JsonPaths.segments("m[\"a.b\\\"c\"][0].x"));
    assertEquals("m[\"a.b\\\"c\"][0].x", JsonPaths.canonical(".m[\"a.b\\\"c\"][0].x"));
  }

  @Test
  void entriesAreCanonicalAndSorted() {
    assertEquals(
        List.of("a.policies.deny-0", "a.routes[12]", "a.routes[1]"),
        List.copyOf(map.entries().keySet()));
  }
}
