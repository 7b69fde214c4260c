package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;

/**
 * {@code match CONDITIONS { ACTIONS }} or {@code default { ACTIONS }}. Rules are tried in order and
 * the first that matches wins. A default rule has no conditions.
 *
 * @param head the span of the rule's head (`match ...` up to the brace), for diagnostics
 */
public record Rule(
    List<Condition> conditions, boolean isDefault, List<Action> actions, Span span, Span head)
    implements GatewayItem {
  public Rule {
    conditions = List.copyOf(conditions);
    actions = List.copyOf(actions);
  }
}
