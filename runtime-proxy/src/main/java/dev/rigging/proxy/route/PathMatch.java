package dev.rigging.proxy.route;

import java.util.Objects;

/**
 * Condition on the request path (query string already removed), as Envoy's {@code RouteMatch} path
 * specifier.
 */
public sealed interface PathMatch {

  /** Whether {@code path} (without query string) satisfies this condition. */
  boolean matches(String path);

  /**
   * The path equals {@code value}; {@code ignoreCase} mirrors Envoy's {@code case_sensitive:
   * false}.
   */
  record Exact(String value, boolean ignoreCase) implements PathMatch {
    public Exact {
      Objects.requireNonNull(value, "value");
    }

    public static Exact of(String value) {
      return new Exact(value, false);
    }

    @Override
    public boolean matches(String path) {
      return ignoreCase ? value.equalsIgnoreCase(path) : value.equals(path);
    }
  }

  /** The path starts with {@code value}; {@code "/"} therefore matches every origin-form path. */
  record Prefix(String value, boolean ignoreCase) implements PathMatch {
    public Prefix {
      Objects.requireNonNull(value, "value");
    }

    public static Prefix of(String value) {
      return new Prefix(value, false);
    }

    @Override
    public boolean matches(String path) {
      return ignoreCase
          ? path.regionMatches(true, 0, value, 0, value.length())
          : path.startsWith(value);
    }
  }

  /**
   * The whole path matches an RE2 expression, as Envoy's {@code safe_regex} (full match, not
   * search).
   */
  record Regex(Re2 re2) implements PathMatch {
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
