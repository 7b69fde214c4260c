package dev.rigging.compiler.ir;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The conditions of one rule, all of which must hold. An empty path means any path; an empty method
 * set means any method. A default rule has an empty match.
 */
public record Match(
    Optional<StringMatch> path,
    SortedSet<String> methods,
    List<Field> headers,
    List<Field> queryParameters) {

  public Match {
    methods = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(methods));
    headers = List.copyOf(headers);
    queryParameters = List.copyOf(queryParameters);
  }

  public static final Match ANY =
      new Match(Optional.empty(), new java.util.TreeSet<>(), List.of(), List.of());

  /** Returns whether this matches every request. */
  public boolean isCatchAll() {
    boolean anyPath =
        path.isEmpty() || path.get() instanceof StringMatch.Prefix(String p) && p.equals("/");
    return anyPath && methods.isEmpty() && headers.isEmpty() && queryParameters.isEmpty();
  }

  /** A header or query parameter condition; header names are lower-cased. */
  public record Field(String name, StringMatch match) {}
}
