package dev.rigging.diff;

import dev.rigging.compiler.ir.Authz;
import dev.rigging.compiler.ir.Fault;
import dev.rigging.compiler.ir.HeaderEdit;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.StringMatch;
import dev.rigging.compiler.ir.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * IR values written the way the language writes them, so that a reviewer reads a change in the same
 * words as the policy: {@code path prefix "/callme"}, {@code split v1 20%, v2 80%}.
 */
final class IrText {
  private IrText() {}

  /** Returns the conditions of a rule as written after {@code match}, or {@code default}. */
  static String match(Match match) {
    if (match.isCatchAll()) {
      return "default";
    }
    List<String> parts = new ArrayList<>();
    match.path().ifPresent(p -> parts.add("path " + stringMatch(p)));
    if (!match.methods().isEmpty()) {
      parts.add("method " + String.join(", ", match.methods()));
    }
    match
        .headers()
        .forEach(f -> parts.add("header " + quote(f.name()) + " " + stringMatch(f.match())));
    match
        .queryParameters()
        .forEach(f -> parts.add("query " + quote(f.name()) + " " + stringMatch(f.match())));
    return "match " + String.join(" ", parts);
  }

  static String stringMatch(StringMatch m) {
    return switch (m) {
      case StringMatch.Exact(String v) -> "exact " + quote(v);
      case StringMatch.Prefix(String v) -> "prefix " + quote(v);
      case StringMatch.Regex(String v) -> "regex " + quote(v);
      case StringMatch.Present() -> "present";
      case StringMatch.Absent() -> "absent";
    };
  }

  /** Returns a target as seen from a route of {@code routed}: {@code v1} or {@code ratings.v1}. */
  static String target(Target target, String routed) {
    if (target.service().equals(routed) && target.version().isPresent()) {
      return target.version().get();
    }
    return target.toString();
  }

  /**
   * Returns a target as a reviewer names it: {@code callme v2} or {@code callme (all versions)}.
   */
  static String destination(Target target) {
    return target
        .version()
        .map(v -> target.service() + " " + v)
        .orElse(target.service() + " (all versions)");
  }

  /** Returns what a rule does with a request, without timeouts, retries and the like. */
  static String action(RouteAction action, String routed) {
    return switch (action) {
      case RouteAction.Forward f ->
          f.targets().size() == 1
              ? "to " + target(f.targets().getFirst().target(), routed)
              : "split "
                  + f.targets().stream()
                      .map(w -> target(w.target(), routed) + " " + w.weight())
                      .collect(Collectors.joining(", "));
      case RouteAction.Redirect r -> redirect(r);
      case RouteAction.Respond r ->
          "respond " + r.status() + r.body().map(b -> " " + quote(b)).orElse("");
    };
  }

  private static String redirect(RouteAction.Redirect r) {
    StringBuilder text = new StringBuilder("redirect");
    r.scheme().ifPresent(v -> text.append(" scheme ").append(quote(v)));
    r.host().ifPresent(v -> text.append(" host ").append(quote(v)));
    r.port().ifPresent(v -> text.append(" port ").append(v));
    r.path().ifPresent(v -> text.append(" path ").append(quote(v)));
    r.prefix().ifPresent(v -> text.append(" prefix ").append(quote(v)));
    text.append(" code ").append(r.code());
    if (r.stripQuery()) {
      text.append(" strip_query");
    }
    return text.toString();
  }

  static String retry(RouteAction.Retry r) {
    StringBuilder text = new StringBuilder("retries " + r.attempts());
    r.perTryTimeout().ifPresent(d -> text.append(" per_try ").append(d));
    List<String> on = new ArrayList<>(r.retryOn());
    r.retriableStatusCodes().forEach(c -> on.add(String.valueOf(c)));
    if (!on.isEmpty()) {
      text.append(" on ").append(String.join(", ", on));
    }
    r.backoffBase().ifPresent(d -> text.append(" backoff ").append(d));
    r.backoffMax().ifPresent(d -> text.append(" max ").append(d));
    return text.toString();
  }

  static String mirror(RouteAction.Mirror m, String routed) {
    return "mirror " + target(m.target(), routed) + " on " + m.percent();
  }

  static String rewrite(RouteAction.Rewrite r) {
    List<String> parts = new ArrayList<>();
    r.prefix().ifPresent(p -> parts.add("rewrite prefix " + quote(p)));
    r.regex()
        .ifPresent(
            x -> parts.add("rewrite regex " + quote(x.pattern()) + " " + quote(x.substitution())));
    r.host().ifPresent(h -> parts.add("rewrite host " + quote(h)));
    return String.join(", ", parts);
  }

  static String delay(Fault.Delay d) {
    return "fault delay " + d.delay() + " on " + d.percent();
  }

  static String abort(Fault.Abort a) {
    return "fault abort " + a.status() + " on " + a.percent();
  }

  static String headerEdits(String direction, List<HeaderEdit> edits) {
    return edits.stream()
        .map(
            e ->
                direction
                    + " "
                    + e.op().name().toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + quote(e.name())
                    + e.value().map(v -> " " + quote(v)).orElse(""))
        .collect(Collectors.joining(", "));
  }

  static String pathPattern(Authz.PathPattern pattern) {
    return switch (pattern) {
      case Authz.PathPattern.Exact(String p) -> p;
      case Authz.PathPattern.Prefix(String p) -> p + "*";
      case Authz.PathPattern.Suffix(String s) -> "*" + s;
      case Authz.PathPattern.Any() -> "*";
    };
  }

  /** Returns {@code text} in backticks, the way every name and value appears in a change. */
  static String code(String text) {
    return "`" + text + "`";
  }

  static String quote(String text) {
    // Backslashes stay as written, as the language keeps them in regexes.
    return "\"" + text.replace("\"", "\\\"") + "\"";
  }

  static <T> String orNone(Optional<T> value) {
    return value.map(String::valueOf).orElse("none");
  }
}
