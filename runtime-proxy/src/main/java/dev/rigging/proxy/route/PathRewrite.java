package dev.rigging.proxy.route;

import java.util.Objects;

/** How a forwarded request's path is rewritten before it goes upstream. */
public sealed interface PathRewrite {

  /**
   * Replaces the part of the path the route's prefix (or exact path) matched, as {@code
   * prefix_rewrite}.
   */
  record Prefix(String replacement) implements PathRewrite {
    public Prefix {
      Objects.requireNonNull(replacement, "replacement");
    }
  }

  /**
   * Replaces every match of an RE2 expression in the path (not the query), as {@code
   * regex_rewrite}.
   */
  record Regex(Re2 pattern, String substitution) implements PathRewrite {
    public Regex {
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(substitution, "substitution");
    }
  }
}
