package dev.rigging.diff;

import static dev.rigging.diff.IrText.code;

import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.StringMatch;
import dev.rigging.compiler.ir.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares the ordered rules of one route (a service's or a gateway's). Rules are paired by what
 * they match, so that a rule keeps its identity when others are added around it; a paired rule is
 * compared part by part (destinations and weights, timeout, retries, mirror, rewrite, faults,
 * header edits). Order matters only between rules that can match the same request: swapping two
 * rules on different exact paths changes nothing, and is not reported.
 */
final class RulesDiff {
  private final String scope;
  private final String routed;
  private final List<Change> changes;

  /**
   * @param routed the routed service (versions of it are written bare), or a gateway name
   */
  RulesDiff(String scope, String routed, List<Change> changes) {
    this.scope = scope;
    this.routed = routed;
    this.changes = changes;
  }

  void compare(List<RouteRule> base, List<RouteRule> head) {
    Map<Match, RouteRule> before = byMatch(base);
    Map<Match, RouteRule> after = byMatch(head);
    for (RouteRule rule : base) {
      if (!after.containsKey(key(rule.match()))) {
        add(
            Change.Kind.REMOVED,
            "rule removed: " + code(IrText.match(rule.match())) + " " + summary(rule));
      }
    }
    for (RouteRule rule : head) {
      RouteRule old = before.get(key(rule.match()));
      if (old == null) {
        add(
            Change.Kind.ADDED,
            "rule added: " + code(IrText.match(rule.match())) + " " + summary(rule));
      } else {
        compareRule(old, rule);
      }
    }
    compareOrder(base, head, after);
  }

  private static Map<Match, RouteRule> byMatch(List<RouteRule> rules) {
    Map<Match, RouteRule> map = new LinkedHashMap<>();
    rules.forEach(r -> map.putIfAbsent(key(r.match()), r));
    return map;
  }

  /** Every catch-all match ({@code default}, {@code path prefix "/"}) is one key. */
  private static Match key(Match match) {
    return match.isCatchAll() ? Match.ANY : match;
  }

  /** Returns the whole rule as one phrase: {@code → `split v1 50%, v3 50%`, `timeout 2s`}. */
  private String summary(RouteRule rule) {
    List<String> parts = new ArrayList<>();
    parts.add(IrText.action(rule.action(), routed));
    if (rule.action() instanceof RouteAction.Forward f) {
      f.timeout().ifPresent(t -> parts.add("timeout " + t));
      f.retry().ifPresent(r -> parts.add(IrText.retry(r)));
      f.mirror().ifPresent(m -> parts.add(IrText.mirror(m, routed)));
      f.rewrite().ifPresent(r -> parts.add(IrText.rewrite(r)));
    }
    rule.delay().ifPresent(d -> parts.add(IrText.delay(d)));
    rule.abort().ifPresent(a -> parts.add(IrText.abort(a)));
    if (!rule.requestHeaders().isEmpty()) {
      parts.add(IrText.headerEdits("request", rule.requestHeaders()));
    }
    if (!rule.responseHeaders().isEmpty()) {
      parts.add(IrText.headerEdits("response", rule.responseHeaders()));
    }
    return "→ " + String.join(", ", parts.stream().map(IrText::code).toList());
  }

  private void compareRule(RouteRule old, RouteRule rule) {
    String where = " for " + code(IrText.match(rule.match()));
    if (old.action() instanceof RouteAction.Forward a
        && rule.action() instanceof RouteAction.Forward b) {
      compareWeights(a, b, where);
      part(where, "timeout", a.timeout(), b.timeout(), t -> "timeout " + t);
      part(where, "retries", a.retry(), b.retry(), IrText::retry);
      part(where, "mirror", a.mirror(), b.mirror(), m -> IrText.mirror(m, routed));
      part(where, "rewrite", a.rewrite(), b.rewrite(), IrText::rewrite);
    } else if (!old.action().equals(rule.action())) {
      add(
          Change.Kind.CHANGED,
          code(IrText.action(old.action(), routed))
              + " → "
              + code(IrText.action(rule.action(), routed))
              + where);
    }
    part(where, "fault delay", old.delay(), rule.delay(), IrText::delay);
    part(where, "fault abort", old.abort(), rule.abort(), IrText::abort);
    if (!old.requestHeaders().equals(rule.requestHeaders())) {
      edits(where, "request", old, rule, RouteRule::requestHeaders);
    }
    if (!old.responseHeaders().equals(rule.responseHeaders())) {
      edits(where, "response", old, rule, RouteRule::responseHeaders);
    }
  }

  /** Reports each destination whose share changed: {@code `callme v2`: 80% → 100%}. */
  private void compareWeights(RouteAction.Forward a, RouteAction.Forward b, String where) {
    Map<Target, Percent> before = weights(a);
    Map<Target, Percent> after = weights(b);
    TreeSet<Target> all = new TreeSet<>(before.keySet());
    all.addAll(after.keySet());
    for (Target target : all) {
      Percent was = before.getOrDefault(target, Percent.ZERO);
      Percent now = after.getOrDefault(target, Percent.ZERO);
      if (!was.equals(now)) {
        add(
            Change.Kind.CHANGED,
            code(IrText.destination(target)) + ": " + was + " → " + now + where);
      }
    }
  }

  private static Map<Target, Percent> weights(RouteAction.Forward forward) {
    Map<Target, Percent> map = new TreeMap<>();
    forward.targets().forEach(w -> map.put(w.target(), w.weight()));
    return map;
  }

  private <T> void part(
      String where, String name, Optional<T> was, Optional<T> now, Function<T, String> text) {
    if (was.equals(now)) {
      return;
    }
    if (was.isEmpty()) {
      add(Change.Kind.ADDED, code(text.apply(now.get())) + " added" + where);
    } else if (now.isEmpty()) {
      add(Change.Kind.REMOVED, code(text.apply(was.get())) + " removed" + where);
    } else {
      add(
          Change.Kind.CHANGED,
          name + ": " + code(text.apply(was.get())) + " → " + code(text.apply(now.get())) + where);
    }
  }

  private void edits(
      String where,
      String direction,
      RouteRule old,
      RouteRule rule,
      Function<RouteRule, List<dev.rigging.compiler.ir.HeaderEdit>> get) {
    String was = get.apply(old).isEmpty() ? "none" : IrText.headerEdits(direction, get.apply(old));
    String now =
        get.apply(rule).isEmpty() ? "none" : IrText.headerEdits(direction, get.apply(rule));
    add(Change.Kind.CHANGED, direction + " header edits: " + code(was) + " → " + code(now) + where);
  }

  /**
   * Reports pairs of kept rules whose relative order flipped, when some request could match both
   * (then the flip decides which one wins).
   */
  private void compareOrder(
      List<RouteRule> base, List<RouteRule> head, Map<Match, RouteRule> after) {
    List<Match> kept = base.stream().map(r -> key(r.match())).filter(after::containsKey).toList();
    List<Match> headOrder = head.stream().map(r -> key(r.match())).toList();
    for (int i = 0; i < kept.size(); i++) {
      for (int j = i + 1; j < kept.size(); j++) {
        Match first = kept.get(i);
        Match second = kept.get(j);
        if (headOrder.indexOf(second) < headOrder.indexOf(first) && mayOverlap(first, second)) {
          add(
              Change.Kind.CHANGED,
              "rule order: "
                  + code(IrText.match(second))
                  + " is now tried before "
                  + code(IrText.match(first))
                  + " (a request can match both)");
        }
      }
    }
  }

  /**
   * Returns false only when no request can match both: different exact paths, disjoint method sets,
   * or one header or query parameter required with two different exact values (or present and
   * absent). Anything else may overlap.
   */
  static boolean mayOverlap(Match a, Match b) {
    if (a.path().isPresent() && b.path().isPresent()) {
      StringMatch pa = a.path().get();
      StringMatch pb = b.path().get();
      if (!valuesMayOverlap(pa, pb)) {
        return false;
      }
    }
    if (!a.methods().isEmpty() && !b.methods().isEmpty()) {
      TreeSet<String> common = new TreeSet<>(a.methods());
      common.retainAll(b.methods());
      if (common.isEmpty()) {
        return false;
      }
    }
    return fieldsMayOverlap(a.headers(), b.headers())
        && fieldsMayOverlap(a.queryParameters(), b.queryParameters());
  }

  private static boolean fieldsMayOverlap(List<Match.Field> a, List<Match.Field> b) {
    for (Match.Field x : a) {
      for (Match.Field y : b) {
        if (x.name().equals(y.name()) && !valuesMayOverlap(x.match(), y.match())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean valuesMayOverlap(StringMatch a, StringMatch b) {
    return switch (a) {
      case StringMatch.Absent() -> b instanceof StringMatch.Absent;
      case StringMatch.Exact(String x) ->
          switch (b) {
            case StringMatch.Exact(String y) -> x.equals(y);
            case StringMatch.Prefix(String y) -> x.startsWith(y);
            case StringMatch.Absent() -> false;
            default -> true;
          };
      case StringMatch.Prefix(String x) ->
          switch (b) {
            case StringMatch.Exact(String y) -> y.startsWith(x);
            case StringMatch.Prefix(String y) -> x.startsWith(y) || y.startsWith(x);
            case StringMatch.Absent() -> false;
            default -> true;
          };
      case StringMatch.Regex r -> !(b instanceof StringMatch.Absent);
      case StringMatch.Present() -> !(b instanceof StringMatch.Absent);
    };
  }

  private void add(Change.Kind kind, String text) {
    changes.add(new Change(scope, kind, Objects.requireNonNull(text)));
  }
}
