package dev.rigging.emitters.envoy;

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
   * Writes a {@code HeaderMatcher} for one condition. Absence is "present, inverted": Envoy's
   * {@code present_match: false} means the same, but the inverted form reads unambiguously.
   */
  static void header(CompactJson out, String name, StringMatch match) {
    headerFields(out.beginObject().field("name", name), match);
    out.endObject();
  }

  static void header(CompactJson out, Match.Field field) {
    header(out, field.name(), field.match());
  }

  private static void headerFields(CompactJson out, StringMatch match) {
    switch (match) {
      case StringMatch.Exact e -> stringMatcher(out.name("string_match"), e);
      case StringMatch.Prefix p -> stringMatcher(out.name("string_match"), p);
      case StringMatch.Regex r -> stringMatcher(out.name("string_match"), r);
      case StringMatch.Present ignored -> out.field("present_match", true);
      case StringMatch.Absent ignored ->
          out.field("present_match", true).field("invert_match", true);
    }
  }

  /** Writes a matcher of the HTTP method: exactly one, or any of several by an anchored regex. */
  static void methods(CompactJson out, Collection<String> methods) {
    if (methods.size() == 1) {
      header(out, METHOD, new StringMatch.Exact(methods.iterator().next()));
      return;
    }
    var alternatives = new StringBuilder("^(");
    for (String method : methods) {
      if (alternatives.length() > 2) {
        alternatives.append('|');
      }
      alternatives.append(quoteRegex(method));
    }
    header(out, METHOD, new StringMatch.Regex(alternatives.append(")$").toString()));
  }

  /** Writes a {@code StringMatcher} for a value condition. */
  static void stringMatcher(CompactJson out, StringMatch match) {
    switch (match) {
      case StringMatch.Exact(String value) -> out.single("exact", value);
      case StringMatch.Prefix(String value) -> out.single("prefix", value);
      case StringMatch.Regex(String pattern) ->
          regex(out.beginObject().name("safe_regex"), pattern).endObject();
      case StringMatch.Present ignored ->
          throw new IllegalArgumentException("presence is not a string match");
      case StringMatch.Absent ignored ->
          throw new IllegalArgumentException("absence is not a string match");
    }
  }

  /** Writes a {@code RegexMatcher}; Envoy's only engine is RE2, which the checker targets. */
  static CompactJson regex(CompactJson out, String pattern) {
    return out.single("regex", pattern);
  }

  /**
   * Envoy's {@code QueryParameterMatcher} cannot require a parameter to be absent (a missing
   * parameter never matches, whatever the matcher), so absence is matched on the raw {@code :path}:
   * inverted, "the query string has {@code name} as a key".
   */
  static void queryParameterAbsent(CompactJson out, String name) {
    String pattern = "^[^?]*\\?(.*&)?" + quoteRegex(name) + "([=&].*)?$";
    headerFields(out.beginObject().field("name", PATH), new StringMatch.Regex(pattern));
    out.field("invert_match", true).endObject();
  }

  /** Writes a {@code QueryParameterMatcher}; not for {@link StringMatch.Absent}. */
  static void queryParameter(CompactJson out, Match.Field field) {
    out.beginObject().field("name", field.name());
    switch (field.match()) {
      case StringMatch.Present ignored -> out.field("present_match", true);
      case StringMatch.Absent ignored ->
          throw new IllegalArgumentException("use queryParameterAbsent for " + field.name());
      case StringMatch.Exact e -> stringMatcher(out.name("string_match"), e);
      case StringMatch.Prefix p -> stringMatcher(out.name("string_match"), p);
      case StringMatch.Regex r -> stringMatcher(out.name("string_match"), r);
    }
    out.endObject();
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
