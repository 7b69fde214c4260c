package dev.rigging.proxy.route;

import com.google.re2j.Pattern;
import java.util.Objects;

/**
 * A compiled RE2 expression (Envoy's regex engine) that compares by its expression: re2j's {@link
 * Pattern} compares by identity, which would make equal route tables unequal.
 */
public final class Re2 {
  private final Pattern pattern;

  private Re2(Pattern pattern) {
    this.pattern = pattern;
  }

  /** Compiles {@code expression}; throws {@code PatternSyntaxException} if RE2 rejects it. */
  public static Re2 compile(String expression) {
    return new Re2(Pattern.compile(Objects.requireNonNull(expression, "expression")));
  }

  /** Returns whether the whole of {@code input} matches, as Envoy's {@code safe_regex} does. */
  public boolean matches(String input) {
    return pattern.matches(input);
  }

  public Pattern pattern() {
    return pattern;
  }

  public String expression() {
    return pattern.pattern();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Re2 re2 && re2.expression().equals(expression());
  }

  @Override
  public int hashCode() {
    return expression().hashCode();
  }

  @Override
  public String toString() {
    return expression();
  }
}
