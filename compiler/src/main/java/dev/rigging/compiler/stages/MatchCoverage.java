package dev.rigging.compiler.stages;

import com.google.re2j.Pattern;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.StringMatch;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether one match covers another: every request the second matches, the first matches
 * too. Conservative: when coverage cannot be shown (two different regexes, say), it answers no, so
 * a reported shadowing is always real.
 */
final class MatchCoverage {
  private MatchCoverage() {}

  static boolean covers(Match first, Match later) {
    return coversPath(first.path(), later.path())
        && (first.methods().isEmpty()
            || (!later.methods().isEmpty() && first.methods().containsAll(later.methods())))
        && coversFields(first.headers(), later.headers())
        && coversFields(first.queryParameters(), later.queryParameters());
  }

  private static boolean coversPath(Optional<StringMatch> first, Optional<StringMatch> later) {
    if (first.isEmpty() || first.get() instanceof StringMatch.Prefix(String p) && p.equals("/")) {
      return true;
    }
    return later.isPresent() && coversValue(first.get(), later.get());
  }

  /** Every field condition of {@code first} must be implied by one of {@code later}'s. */
  private static boolean coversFields(List<Match.Field> first, List<Match.Field> later) {
    return first.stream()
        .allMatch(
            f ->
                later.stream()
                    .anyMatch(l -> l.name().equals(f.name()) && coversValue(f.match(), l.match())));
  }

  /** Returns whether every value matching {@code later} also matches {@code first}. */
  static boolean coversValue(StringMatch first, StringMatch later) {
    return switch (first) {
      case StringMatch.Exact(String v) ->
          later instanceof StringMatch.Exact(String w) && v.equals(w);
      case StringMatch.Prefix(String p) ->
          switch (later) {
            case StringMatch.Exact(String w) -> w.startsWith(p);
            case StringMatch.Prefix(String q) -> q.startsWith(p);
            default -> false;
          };
      case StringMatch.Regex(String r) ->
          switch (later) {
            case StringMatch.Regex(String s) -> r.equals(s);
            case StringMatch.Exact(String w) -> Pattern.compile(r).matches(w);
            default -> false;
          };
      case StringMatch.Present() -> !(later instanceof StringMatch.Absent);
      case StringMatch.Absent() -> later instanceof StringMatch.Absent;
    };
  }
}
