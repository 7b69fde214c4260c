package dev.rigging.proxy.route;

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

  /** The value ends with {@code suffix}. */
  record Suffix(String suffix) implements StringMatch {
    public Suffix {
      Objects.requireNonNull(suffix, "suffix");
    }

    @Override
    public boolean matches(String value) {
      return value.endsWith(suffix);
    }
  }

  /** The whole value matches an RE2 expression (Envoy's {@code safe_regex} is a full match). */
  record Regex(Re2 re2) implements StringMatch {
    public Regex {
      Objects.requireNonNull(re2, "re2");
    }

    public static Regex of(String expression) {
      return new Regex(Re2.compile(expression));
    }

    @Override
    public boolean matches(String value) {
      return re2.matches(value);
    }
  }
}
