package dev.rigging.proxy.route;

import com.google.re2j.Pattern;
import java.util.Objects;

/** Condition on a header or query-parameter value, as the string forms of Envoy's matchers. */
public sealed interface StringMatch {

  /** Whether {@code value} satisfies this condition. */
  boolean matches(String value);

  /** The value equals {@code expected}. */
  record Exact(String expected) implements StringMatch {
    public Exact {
      Objects.requireNonNull(expected, "expected");
    }

    @Override
    public boolean matches(String value) {
      return expected.equals(value);
    }
  }

  /** The value starts with {@code prefix}. */
  record Prefix(String prefix) implements StringMatch {
    public Prefix {
      Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public boolean matches(String value) {
      return value.startsWith(prefix);
    }
  }

  /** The whole value matches an RE2 expression (Envoy's {@code safe_regex} is a full match). */
  record Regex(Pattern pattern) implements StringMatch {
    public Regex {
      Objects.requireNonNull(pattern, "pattern");
    }

    public static Regex of(String expression) {
      return new Regex(Pattern.compile(expression));
    }

    @Override
    public boolean matches(String value) {
      return pattern.matches(value);
    }

    // re2j's Pattern has identity equality; records compare by the expression instead.
    @Override
    public boolean equals(Object other) {
      return other instanceof Regex regex && regex.pattern.pattern().equals(pattern.pattern());
    }

    @Override
    public int hashCode() {
      return pattern.pattern().hashCode();
    }

    @Override
    public String toString() {
      return "Regex[" + pattern.pattern() + "]";
    }
  }
}
