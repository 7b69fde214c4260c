package dev.rigging.diff;

import static dev.rigging.diff.IrText.code;

import dev.rigging.compiler.ir.Authz;
import dev.rigging.compiler.ir.Match;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Compares who may call a service by asking both revisions the same questions. The questions are
 * every caller identity either revision knows (plus any other mesh caller), every HTTP method, and
 * for each path pattern either revision names one path it matches (plus a path none names); each is
 * answered as the sidecar would (deny rules first, then allow rules, then the default). Only
 * answers that differ are reported, grouped by caller, so rewriting a rule in other words reports
 * nothing. Rules with header conditions cannot be probed this way: they are compared as rules.
 */
final class AuthzDiff {
  /** Every method the language knows; a rule without methods matches them all. */
  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  /** The caller standing for every mesh identity neither revision names. */
  private static final String OTHER = "";

  /** A path to ask about and the pattern it is shown as. */
  private record Probe(String path, String shown) {}

  private AuthzDiff() {}

  /**
   * Adds the changes for the authz of {@code service}; {@code identities} are the workload names of
   * both revisions. An absent authz accepts every caller.
   */
  static void compare(
      String service,
      Optional<Authz> base,
      Optional<Authz> head,
      SortedSet<String> identities,
      List<Change> changes) {
    if (base.isEmpty() && head.isEmpty()) {
      return;
    }
    String scope = "authz " + service;
    Authz.Decision was = base.map(Authz::defaultDecision).orElse(Authz.Decision.ALLOW);
    Authz.Decision now = head.map(Authz::defaultDecision).orElse(Authz.Decision.ALLOW);
    if (base.isEmpty()) {
      changes.add(
          new Change(
              scope, Change.Kind.ADDED, "authz added (before, every mesh caller was accepted)"));
    } else if (head.isEmpty()) {
      changes.add(
          new Change(scope, Change.Kind.REMOVED, "authz removed: every mesh caller is accepted"));
    }
    if (was != now) {
      changes.add(
          new Change(
              scope,
              Change.Kind.CHANGED,
              "default for " + code(service) + ": " + word(was) + " → " + word(now)));
    }
    List<Probe> probes = probes(base, head);
    List<String> callers = new ArrayList<>(identities);
    callers.add(OTHER);
    // Callers whose access changed the same way share one line.
    Map<String, List<String>> lostBy = new LinkedHashMap<>();
    Map<String, List<String>> gainedBy = new LinkedHashMap<>();
    for (String caller : callers) {
      Map<String, List<String>> gained = new LinkedHashMap<>();
      Map<String, List<String>> lost = new LinkedHashMap<>();
      for (Probe probe : probes) {
        for (String method : METHODS) {
          boolean before = allows(base, caller, method, probe.path());
          boolean after = allows(head, caller, method, probe.path());
          if (before != after) {
            (after ? gained : lost)
                .computeIfAbsent(probe.shown(), p -> new ArrayList<>())
                .add(method);
          }
        }
      }
      String who = caller.equals(OTHER) ? "any other mesh caller" : code(caller);
      if (!lost.isEmpty()) {
        lostBy.computeIfAbsent(calls(lost), k -> new ArrayList<>()).add(who);
      }
      if (!gained.isEmpty()) {
        gainedBy.computeIfAbsent(calls(gained), k -> new ArrayList<>()).add(who);
      }
    }
    lostBy.forEach(
        (what, who) ->
            changes.add(
                new Change(
                    scope,
                    Change.Kind.REMOVED,
                    String.join(", ", who) + " can no longer call " + what)));
    gainedBy.forEach(
        (what, who) ->
            changes.add(
                new Change(
                    scope, Change.Kind.ADDED, String.join(", ", who) + " can now call " + what)));
    headerRules(scope, base, head, changes);
  }

  private static String word(Authz.Decision decision) {
    return code(decision.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** {@code `GET /callme/*`, `/health` (any method)}. */
  private static String calls(Map<String, List<String>> byPath) {
    List<String> items = new ArrayList<>();
    byPath.forEach(
        (path, methods) -> {
          if (methods.size() == METHODS.size()) {
            items.add(code(path) + " (any method)");
          } else {
            methods.forEach(m -> items.add(code(m + " " + path)));
          }
        });
    return String.join(", ", items);
  }

  private static List<Probe> probes(Optional<Authz> base, Optional<Authz> head) {
    Set<Probe> probes = new LinkedHashSet<>();
    for (Optional<Authz> authz : List.of(base, head)) {
      authz.ifPresent(a -> a.rules().forEach(r -> r.paths().forEach(p -> probes.add(probe(p)))));
    }
    if (probes.stream().noneMatch(p -> p.shown().equals("*"))) {
      probes.add(new Probe("/.rig-diff/other", "other paths"));
    }
    // Two patterns may probe the same path (`/a/*` and `/a/b`): keep the first shown name.
    Map<String, Probe> byPath = new LinkedHashMap<>();
    probes.forEach(p -> byPath.putIfAbsent(p.path(), p));
    return new ArrayList<>(byPath.values());
  }

  private static Probe probe(Authz.PathPattern pattern) {
    String shown = IrText.pathPattern(pattern);
    return switch (pattern) {
      case Authz.PathPattern.Exact(String p) -> new Probe(p, shown);
      case Authz.PathPattern.Prefix(String p) -> new Probe(p + ".rig-diff", shown);
      case Authz.PathPattern.Suffix(String s) -> new Probe("/.rig-diff" + s, shown);
      case Authz.PathPattern.Any() -> new Probe("/.rig-diff/any", shown);
    };
  }

  /** Decides as the sidecar does, for a request without headers. */
  static boolean allows(Optional<Authz> authz, String caller, String method, String path) {
    if (authz.isEmpty()) {
      return true;
    }
    for (Authz.Rule rule : authz.get().denyRules()) {
      if (matches(rule, caller, method, path)) {
        return false;
      }
    }
    for (Authz.Rule rule : authz.get().allowRules()) {
      if (matches(rule, caller, method, path)) {
        return true;
      }
    }
    return authz.get().defaultDecision() == Authz.Decision.ALLOW;
  }

  private static boolean matches(Authz.Rule rule, String caller, String method, String path) {
    if (!rule.headers().isEmpty()) {
      return false; // compared as rules in headerRules
    }
    boolean from =
        rule.from().isEmpty() || rule.from().stream().anyMatch(i -> i.name().equals(caller));
    boolean methodOk = rule.methods().isEmpty() || rule.methods().contains(method);
    boolean pathOk =
        rule.paths().isEmpty() || rule.paths().stream().anyMatch(p -> pathMatches(p, path));
    return from && methodOk && pathOk;
  }

  private static boolean pathMatches(Authz.PathPattern pattern, String path) {
    return switch (pattern) {
      case Authz.PathPattern.Exact(String p) -> path.equals(p);
      case Authz.PathPattern.Prefix(String p) -> path.startsWith(p);
      case Authz.PathPattern.Suffix(String s) -> path.endsWith(s);
      case Authz.PathPattern.Any() -> true;
    };
  }

  /** Rules with header conditions, compared as written (without their spans). */
  private static void headerRules(
      String scope, Optional<Authz> base, Optional<Authz> head, List<Change> changes) {
    Set<String> before = headerRuleTexts(base);
    Set<String> after = headerRuleTexts(head);
    for (String rule : before) {
      if (!after.contains(rule)) {
        changes.add(new Change(scope, Change.Kind.REMOVED, "rule removed: " + code(rule)));
      }
    }
    for (String rule : after) {
      if (!before.contains(rule)) {
        changes.add(new Change(scope, Change.Kind.ADDED, "rule added: " + code(rule)));
      }
    }
  }

  private static Set<String> headerRuleTexts(Optional<Authz> authz) {
    Set<String> texts = new TreeSet<>();
    authz.ifPresent(
        a ->
            a.rules().stream()
                .filter(r -> !r.headers().isEmpty())
                .forEach(r -> texts.add(ruleText(r))));
    return texts;
  }

  static String ruleText(Authz.Rule rule) {
    StringBuilder text =
        new StringBuilder(rule.decision().name().toLowerCase(java.util.Locale.ROOT));
    if (!rule.from().isEmpty()) {
      text.append(" from ")
          .append(String.join(", ", rule.from().stream().map(Authz.Identity::name).toList()));
    }
    if (!rule.methods().isEmpty() || !rule.paths().isEmpty()) {
      text.append(" to");
      if (!rule.methods().isEmpty()) {
        text.append(' ').append(String.join(", ", rule.methods()));
      }
      if (!rule.paths().isEmpty()) {
        text.append(' ')
            .append(
                String.join(
                    ", ",
                    rule.paths().stream().map(p -> IrText.quote(IrText.pathPattern(p))).toList()));
      }
    }
    List<String> conditions = new ArrayList<>();
    for (Match.Field field : rule.headers()) {
      conditions.add(
          "header " + IrText.quote(field.name()) + " " + IrText.stringMatch(field.match()));
    }
    text.append(" when ").append(String.join(" and ", conditions));
    return text.toString();
  }
}
