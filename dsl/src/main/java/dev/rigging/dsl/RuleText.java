package dev.rigging.dsl;

import dev.rigging.dsl.ast.Action;
import dev.rigging.dsl.ast.Condition;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.MatchKind;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.ast.Rule;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one-line text of a routing rule's head, its conditions and its actions. */
final class RuleText {
  private final SourceScanner source;

  RuleText(SourceScanner source) {
    this.source = source;
  }

  /** Returns {@code default} or {@code match} and the conditions, in source order. */
  String head(Rule rule) {
    if (rule.isDefault()) {
      return "default";
    }
    return "match "
        + rule.conditions().stream().map(RuleText::condition).collect(Collectors.joining(" "));
  }

  static String condition(Condition condition) {
    return switch (condition) {
      case Condition.Path p -> "path " + p.kind().keyword() + " " + Literals.text(p.value());
      case Condition.Method m -> "method " + names(m.methods());
      case Condition.Header h ->
          "header " + Literals.text(h.name()) + " " + valueMatch(h.kind(), h.value());
      case Condition.Query q ->
          "query " + Literals.text(q.name()) + " " + valueMatch(q.kind(), q.value());
    };
  }

  /** Returns {@code exact "v"} or {@code present}. */
  static String valueMatch(MatchKind kind, Optional<Literal> value) {
    return kind.keyword() + value.map(v -> " " + Literals.text(v)).orElse("");
  }

  String action(Action action) {
    return switch (action) {
      case Action.To a -> "to " + a.destination().text();
      case Action.Split a ->
          "split " + join(a.parts(), w -> w.destination().text() + " " + w.percent().text(), ", ");
      case Action.Fault a -> "fault " + join(a.parts(), RuleText::faultPart, ", ");
      case Action.Timeout a -> "timeout " + a.duration().text();
      case Action.Retries a -> retries(a);
      case Action.Mirror a -> "mirror " + a.destination().text() + on(a.percent());
      case Action.Rewrite a -> "rewrite " + join(a.parts(), RuleText::rewritePart, " ");
      case Action.Redirect a ->
          "redirect "
              + join(
                  a.parts(),
                  p -> p.field().keyword() + p.value().map(v -> " " + Literals.text(v)).orElse(""),
                  " ");
      case Action.Respond a ->
          "respond " + a.status().text() + a.body().map(b -> " " + Literals.text(b)).orElse("");
      case Action.Headers a ->
          a.direction().keyword()
              + " "
              + a.op().keyword()
              + " "
              + Literals.text(a.name())
              + a.value().map(v -> " " + Literals.text(v)).orElse("");
    };
  }

  private static String faultPart(Action.FaultPart part) {
    return switch (part) {
      case Action.Delay d -> "delay " + d.duration().text() + on(d.percent());
      case Action.Abort a -> "abort " + a.status().text() + on(a.percent());
    };
  }

  private static String rewritePart(Action.RewritePart part) {
    return switch (part) {
      case Action.PrefixRewrite p -> "prefix " + Literals.text(p.prefix());
      case Action.RegexRewrite r ->
          "regex " + Literals.text(r.pattern()) + " " + Literals.text(r.substitution());
      case Action.HostRewrite h -> "host " + Literals.text(h.host());
    };
  }

  /** Returns the retries action with its clauses in the order the user wrote them. */
  private String retries(Action.Retries r) {
    List<String> parts = new ArrayList<>();
    parts.add("retries " + r.attempts().text());
    for (Span clause : r.clauseSpans()) {
      parts.add(retryClause(r, clause));
    }
    return String.join(" ", parts);
  }

  private String retryClause(Action.Retries r, Span clause) {
    if (r.perTry().filter(t -> inside(t, clause)).isPresent()) {
      return "per_try " + r.perTry().get().text();
    }
    List<Literal> on = r.on().stream().filter(l -> inside(l, clause)).toList();
    if (!on.isEmpty()) {
      return "on " + join(on, Literal::text, ", ");
    }
    if (r.backoff().filter(b -> inside(b, clause)).isPresent()) {
      return "backoff "
          + r.backoff().get().text()
          + r.backoffMax().map(m -> " max " + m.text()).orElse("");
    }
    // A repeated per_try or backoff clause: the AST keeps only the last one, but a formatter
    // must not delete what the user wrote, so this clause is printed from its source.
    return source.tokensIn(clause.start(), clause.end());
  }

  private static boolean inside(Literal literal, Span clause) {
    return clause.start() <= literal.span().start() && literal.span().end() <= clause.end();
  }

  private static String on(Optional<Literal> percent) {
    return percent.map(p -> " on " + p.text()).orElse("");
  }

  static String names(List<Name> names) {
    return join(names, Name::text, ", ");
  }

  static <T> String join(List<T> items, Function<T, String> text, String separator) {
    return items.stream().map(text).collect(Collectors.joining(separator));
  }
}
