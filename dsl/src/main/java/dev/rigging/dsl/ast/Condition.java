package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;
import java.util.Optional;

/** One condition of a {@code match}; all conditions of a rule must hold. */
public sealed interface Condition {
  Span span();

  /** {@code path exact|prefix|regex "..."}. */
  record Path(MatchKind kind, Literal value, Span span) implements Condition {}

  /** {@code method GET, POST}: any of the listed methods. */
  record Method(List<Name> methods, Span span) implements Condition {
    public Method {
      methods = List.copyOf(methods);
    }
  }

  /** {@code header "end-user" exact "jason"} or {@code header "x-debug" present}. */
  record Header(Literal name, MatchKind kind, Optional<Literal> value, Span span)
      implements Condition {}

  /** {@code query "version" exact "2"}. */
  record Query(Literal name, MatchKind kind, Optional<Literal> value, Span span)
      implements Condition {}
}
