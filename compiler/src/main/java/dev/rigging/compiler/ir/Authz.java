package dev.rigging.compiler.ir;

import dev.rigging.source.Span;
import java.util.List;
import java.util.SortedSet;

/**
 * Who may call a service. Deny rules are evaluated before allow rules; when no rule matches, {@code
 * defaultDecision} applies.
 */
public record Authz(Decision defaultDecision, List<Rule> rules, Span span) {
  public Authz {
    rules = List.copyOf(rules);
  }

  public List<Rule> denyRules() {
    return rules.stream().filter(r -> r.decision() == Decision.DENY).toList();
  }

  public List<Rule> allowRules() {
    return rules.stream().filter(r -> r.decision() == Decision.ALLOW).toList();
  }

  /** Allow or deny. */
  public enum Decision {
    ALLOW,
    DENY
  }

  /**
   * One rule. Empty lists match anything: no sources means any authenticated caller.
   *
   * @param from callers by identity (service or gateway names), sorted
   */
  public record Rule(
      Decision decision,
      List<Identity> from,
      SortedSet<String> methods,
      List<PathPattern> paths,
      List<Match.Field> headers,
      Span span) {
    public Rule {
      from = List.copyOf(from);
      methods = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(methods));
      paths = List.copyOf(paths);
      headers = List.copyOf(headers);
    }
  }

  /** A workload identity: the SPIFFE ID {@code spiffe://<mesh>/<name>}. */
  public record Identity(String name, String spiffeId) {}

  /** An authz path: exact, {@code "/prefix/*"}, {@code "*suffix"}, or {@code "*"}. */
  public sealed interface PathPattern {
    record Exact(String path) implements PathPattern {}

    record Prefix(String prefix) implements PathPattern {}

    record Suffix(String suffix) implements PathPattern {}

    record Any() implements PathPattern {}
  }
}
