package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;
import java.util.Optional;

/** An entry inside an {@code authz} block. */
public sealed interface AuthzItem {
  Span span();

  /** {@code default deny}: what happens when no rule matches. Required, exactly once. */
  record Default(Decision decision, Span span) implements AuthzItem {}

  /**
   * {@code allow from caller to GET "/callme/*" when header "x" present}. Omitted parts match
   * anything: no {@code from} means any caller.
   */
  record Rule(
      Decision decision,
      List<Name> from,
      List<Name> methods,
      List<Literal> paths,
      List<Condition.Header> when,
      Span span)
      implements AuthzItem {
    public Rule {
      from = List.copyOf(from);
      methods = List.copyOf(methods);
      paths = List.copyOf(paths);
      when = List.copyOf(when);
    }

    /** Returns the span of the {@code from} list, if any. */
    public Optional<Span> fromSpan() {
      return from.isEmpty()
          ? Optional.empty()
          : Optional.of(from.getFirst().span().to(from.getLast().span()));
    }
  }

  /** Allow or deny. */
  enum Decision {
    ALLOW,
    DENY;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
