package dev.rigging.proxy.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Narrows a virtual host's routes to those whose path condition can hold for a given path.
 *
 * <p>Case-sensitive exact paths go into a hash map and case-sensitive prefixes into a character
 * trie; regex and case-insensitive conditions are always candidates. The candidates come back in
 * route order, so evaluating them in turn keeps Envoy's first-match-wins semantics.
 */
final class PathIndex {

  private static final int[] NONE = {};

  private static final class TrieNode {
    final Map<Character, TrieNode> children = new HashMap<>();
    int[] routes = NONE;
  }

  private final Map<String, int[]> exact = new HashMap<>();
  private final TrieNode prefixRoot = new TrieNode();
  private final int[] alwaysCandidates;

  PathIndex(List<Route> routes) {
    List<Integer> always = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      switch (routes.get(i).match().path()) {
        case PathMatch.Exact e when !e.ignoreCase() ->
            exact.merge(e.value(), new int[] {i}, PathIndex::concat);
        case PathMatch.Prefix p when !p.ignoreCase() -> {
          TrieNode node = prefixRoot;
          for (int c = 0; c < p.value().length(); c++) {
            node = node.children.computeIfAbsent(p.value().charAt(c), k -> new TrieNode());
          }
          node.routes = concat(node.routes, new int[] {i});
        }
        case PathMatch.Exact e -> always.add(i);
        case PathMatch.Prefix p -> always.add(i);
        case PathMatch.Regex r -> always.add(i);
      }
    }
    this.alwaysCandidates = always.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Indices of the routes that may match {@code path}, ascending; a superset of the matching ones.
   */
  int[] candidates(String path) {
    int[] exactHits = exact.getOrDefault(path, NONE);
    int[] merged = concat(exactHits, alwaysCandidates);
    TrieNode node = prefixRoot;
    merged = concat(merged, node.routes);
    for (int c = 0; c < path.length(); c++) {
      node = node.children.get(path.charAt(c));
      if (node == null) {
        break;
      }
      merged = concat(merged, node.routes);
    }
    Arrays.sort(merged);
    return merged;
  }

  private static int[] concat(int[] a, int[] b) {
    if (b.length == 0) {
      return a;
    }
    if (a.length == 0) {
      return b;
    }
    int[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
