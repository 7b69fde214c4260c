package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.StringMatch;
import java.util.Collection;

/**
 * {@code HeaderMatcher}s and {@code StringMatcher}s, shared by route matches and RBAC permissions
 * so that a header condition means the same in both.
 */
final class HeaderMatchers {
  private HeaderMatchers() {}

  static final String METHOD = ":method";
  static final String PATH = ":path";

  /**
   * Returns a {@code HeaderMatcher} for one condition. Absence is "present, inverted": Envoy's
   * {@code present_match: false} means the same, but the inverted form reads unambiguously.
   */
  static ObjectNode header(String name, StringMatch match) {
    var node = Json.object().put("name", name);
    switch (match) {
      case StringMatch.Exact e -> node.set("string_match", stringMatcher(e));
      case StringMatch.Prefix p -> node.set("string_match", stringMatcher(p));
      case StringMatch.Regex r -> node.set("string_match", stringMatcher(r));
      case StringMatch.Present ignored -> node.put("present_match", true);
      case StringMatch.Absent ignored -> node.put("present_match", true).put("invert_match", true);
    }
    return node;
  }

  static ObjectNode header(Match.Field field) {
    return header(field.name(), field.match());
  }

  /** Matches the HTTP method: exactly one, or any of several by an anchored regex. */
  static ObjectNode methods(Collection<String> methods) {
    if (methods.size() == 1) {
      return header(METHOD, new StringMatch.Exact(methods.iterator().next()));
    }
    var alternatives = new StringBuilder("^(");
    for (String method : methods) {
      if (alternatives.length() > 2) {
        alternatives.append('|');
      }
      alternatives.append(quoteRegex(method));
    }
    return header(METHOD, new StringMatch.Regex(alternatives.append(")$").toString()));
  }

  /** Returns a {@code StringMatcher} for a value condition. */
  static ObjectNode stringMatcher(StringMatch match) {
    return switch (match) {
      case StringMatch.Exact(String value) -> Json.single("exact", value);
      case StringMatch.Prefix(String value) -> Json.single("prefix", value);
      case StringMatch.Regex(String pattern) -> Json.single("safe_regex", regex(pattern));
      case StringMatch.Present ignored ->
          throw new IllegalArgumentException("presence is not a string match");
      case StringMatch.Absent ignored ->
          throw new IllegalArgumentException("absence is not a string match");
    };
  }

  /** Returns a {@code RegexMatcher}; Envoy's only engine is RE2, which the checker targets. */
  static ObjectNode regex(String pattern) {
    return Json.single("regex", pattern);
  }

  /**
   * Envoy's {@code QueryParameterMatcher} cannot require a parameter to be absent (a missing
   * parameter never matches, whatever the matcher), so absence is matched on the raw {@code :path}:
   * inverted, "the query string has {@code name} as a key".
   */
  static ObjectNode queryParameterAbsent(String name) {
    String pattern = "^[^?]*\\?(.*&)?" + quoteRegex(name) + "([=&].*)?$";
    return header(PATH, new StringMatch.Regex(pattern)).put("invert_match", true);
  }

  /** Returns a {@code QueryParameterMatcher}; not for {@link StringMatch.Absent}. */
  static ObjectNode queryParameter(Match.Field field) {
    var node = Json.object().put("name", field.name());
    switch (field.match()) {
      case StringMatch.Present ignored -> node.put("present_match", true);
      case StringMatch.Absent ignored ->
          throw new IllegalArgumentException("use queryParameterAbsent for " + field.name());
      case StringMatch.Exact e -> node.set("string_match", stringMatcher(e));
      case StringMatch.Prefix p -> node.set("string_match", stringMatcher(p));
      case StringMatch.Regex r -> node.set("string_match", stringMatcher(r));
    }
    return node;
  }

  /** Escapes RE2 metacharacters so that {@code text} matches literally. */
  static String quoteRegex(String text) {
    var sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
