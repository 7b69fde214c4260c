package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks and lowers the rules of every {@code route} and gateway. A rule with any error is left out
 * of the lowered list (its errors are reported), so later analysis sees only rules whose meaning is
 * known.
 */
final class CheckRoutes implements Stage {
  @Override
  public String name() {
    return "check-routes";
  }

  @Override
  public void run(CompileContext cx) {
    MatchLowering matches = new MatchLowering(cx.diagnostics(), cx.values());
    ActionLowering actions = new ActionLowering(cx.diagnostics(), cx.values(), cx.targets);
    for (Decl.Route route : cx.routes.values()) {
      if (cx.shapes.containsKey(route.name().text())) {
        cx.routeRules.put(route.name().text(), lower(route.rules(), matches, actions));
      }
    }
    for (Decl.Gateway gateway : cx.gateways.values()) {
      List<Rule> rules =
          gateway.items().stream().filter(Rule.class::isInstance).map(Rule.class::cast).toList();
      cx.gatewayRules.put(gateway.name().text(), lower(rules, matches, actions));
    }
  }

  private static List<RouteRule> lower(
      List<Rule> rules, MatchLowering matches, ActionLowering actions) {
    List<RouteRule> out = new ArrayList<>();
    for (Rule rule : rules) {
      Optional<Match> match =
          rule.isDefault() ? Optional.of(Match.ANY) : matches.lower(rule.conditions());
      Optional<ActionLowering.Lowered> lowered = actions.lower(rule.actions(), rule.head());
      if (match.isPresent() && lowered.isPresent()) {
        ActionLowering.Lowered l = lowered.get();
        out.add(
            new RouteRule(
                match.get(),
                l.action(),
                l.delay(),
                l.abort(),
                l.requestHeaders(),
                l.responseHeaders(),
                rule.head()));
      }
    }
    return out;
  }
}
