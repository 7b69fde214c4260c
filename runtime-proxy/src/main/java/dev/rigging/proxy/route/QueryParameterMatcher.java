package dev.rigging.proxy.route;

import java.util.Objects;

/**
 * Condition on one query parameter, as Envoy's {@code QueryParameterMatcher}: either its first
 * (percent-decoded) value satisfies a string condition, or it is merely present.
 */
public record QueryParameterMatcher(String name, Condition condition) {

  public QueryParameterMatcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
  }

  /** What the parameter must satisfy. */
  public sealed interface Condition {}

  /** The parameter's first value satisfies a string condition. */
  public record Value(StringMatch match) implements Condition {
    public Value {
      Objects.requireNonNull(match, "match");
    }
  }

  /** The parameter is present, with or without a value. */
  public record Present() implements Condition {}

  /** Whether {@code request} satisfies this matcher. */
  public boolean matches(RouteRequest request) {
    String value = request.queryParameter(name);
    return switch (condition) {
      case Value v -> value != null && v.match().matches(value);
      case Present p -> value != null;
    };
  }
}
