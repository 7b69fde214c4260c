package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * Finds rules that can never fire because an earlier rule of the same route matches every request
 * they would (Istio's IST0130), and rules that repeat an earlier match (IST0131). In a gateway, a
 * repeated match is a path served twice. Rules are tried in order, first match wins, so either is a
 * bug in the policy.
 */
final class AnalyseShadowing implements Stage {
  @Override
  public String name() {
    return "analyse-shadowing";
  }

  @Override
  public void run(CompileContext cx) {
    for (Map.Entry<String, List<RouteRule>> e : cx.routeRules.entrySet()) {
      analyse(cx, e.getValue(), false);
    }
    for (Map.Entry<String, List<RouteRule>> e : cx.gatewayRules.entrySet()) {
      analyse(cx, e.getValue(), true);
    }
  }

  private static void analyse(CompileContext cx, List<RouteRule> rules, boolean gateway) {
    for (int j = 1; j < rules.size(); j++) {
      RouteRule later = rules.get(j);
      for (int i = 0; i < j; i++) {
        RouteRule first = rules.get(i);
        if (!MatchCoverage.covers(first.match(), later.match())) {
          continue;
        }
        cx.diagnostics().add(diagnostic(first, later, gateway));
        break;
      }
    }
  }

  private static Diagnostic diagnostic(RouteRule first, RouteRule later, boolean gateway) {
    if (first.match().equals(later.match())) {
      String path = later.match().path().map(AnalyseShadowing::describe).orElse("every path");
      Diagnostic.Builder d =
          gateway
              ? Diagnostic.error(
                      Code.GATEWAY_PATH_TWICE, later.span(), "gateway serves " + path + " twice")
                  .label("served again here")
                  .secondary(first.span(), "first served here")
                  .help("remove one of the two rules; only the first is ever used")
              : Diagnostic.error(
                      Code.DUPLICATE_RULE, later.span(), "rule duplicates an earlier rule")
                  .label("same match as an earlier rule")
                  .secondary(first.span(), "the earlier rule, which always wins")
                  .help("merge the two rules, or remove this one");
      return d.build();
    }
    if (first.match().isCatchAll()) {
      return Diagnostic.error(
              Code.UNREACHABLE_DEFAULT,
              later.span(),
              "rule can never match: it comes after a rule that matches every request")
          .label("unreachable")
          .secondary(first.span(), "this rule matches every request")
          .help("move the catch-all rule to the end")
          .build();
    }
    return Diagnostic.error(
            Code.SHADOWED_RULE,
            later.span(),
            "rule can never match: an earlier rule matches every request it would")
        .label("shadowed")
        .secondary(first.span(), "this earlier rule matches first")
        .help("move this rule above the earlier one, or make the earlier one narrower")
        .build();
  }

  private static String describe(dev.rigging.compiler.ir.StringMatch m) {
    return switch (m) {
      case dev.rigging.compiler.ir.StringMatch.Exact(String v) -> "path `" + v + "`";
      case dev.rigging.compiler.ir.StringMatch.Prefix(String v) -> "paths under `" + v + "`";
      case dev.rigging.compiler.ir.StringMatch.Regex(String v) -> "paths matching `" + v + "`";
      default -> "every path";
    };
  }
}
