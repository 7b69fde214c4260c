package dev.rigging.dsl;

import dev.rigging.dsl.ast.Action;
import dev.rigging.dsl.ast.Condition;
import dev.rigging.dsl.ast.Destination;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.MatchKind;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.ast.Rule;
import dev.rigging.dsl.gen.MeshLexer;
import dev.rigging.dsl.gen.MeshParser.*;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Builds routing rules, their conditions and their actions from parse-tree contexts. */
final class RuleBuilder {
  private final Trees t;

  RuleBuilder(Trees trees) {
    this.t = trees;
  }

  /** The value part of a header/query condition. */
  record ValueMatch(MatchKind kind, Optional<Literal> value) {}

  Rule rule(RouteRuleContext ctx) {
    return switch (ctx) {
      case MatchRuleContext c -> {
        List<Condition> conditions =
            c.condition().stream().map(this::condition).filter(Objects::nonNull).toList();
        if (conditions.isEmpty()) {
          yield null;
        }
        Span head = t.span(c.MATCH().getSymbol()).to(conditions.getLast().span());
        yield new Rule(conditions, false, actions(c.action()), t.span(c), head);
      }
      case DefaultRuleContext c ->
          new Rule(
              List.of(), true, actions(c.action()), t.span(c), t.span(c.DEFAULT().getSymbol()));
      default -> null;
    };
  }

  private Condition condition(ConditionContext ctx) {
    if (!Trees.complete(ctx)) {
      return null;
    }
    return switch (ctx) {
      case PathConditionContext c ->
          new Condition.Path(kind(c.pathKind().getStart()), t.string(c.STRING()), t.span(c));
      case MethodConditionContext c ->
          new Condition.Method(
              c.name().stream().map(t::name).filter(Objects::nonNull).toList(), t.span(c));
      case HeaderConditionContext c -> {
        ValueMatch m = valueMatch(c.valueMatch());
        yield new Condition.Header(t.string(c.STRING()), m.kind(), m.value(), t.span(c));
      }
      case QueryConditionContext c -> {
        ValueMatch m = valueMatch(c.valueMatch());
        yield new Condition.Query(t.string(c.STRING()), m.kind(), m.value(), t.span(c));
      }
      default -> null;
    };
  }

  ValueMatch valueMatch(ValueMatchContext ctx) {
    if (ctx == null || !Trees.complete(ctx)) {
      return null;
    }
    MatchKind kind = kind(ctx.getStart());
    return new ValueMatch(kind, Optional.ofNullable(ctx.STRING()).map(t::string));
  }

  private static MatchKind kind(Token token) {
    return switch (token.getType()) {
      case MeshLexer.EXACT -> MatchKind.EXACT;
      case MeshLexer.PREFIX -> MatchKind.PREFIX;
      case MeshLexer.REGEX -> MatchKind.REGEX;
      case MeshLexer.PRESENT -> MatchKind.PRESENT;
      default -> MatchKind.ABSENT;
    };
  }

  private List<Action> actions(List<ActionContext> contexts) {
    List<Action> out = new ArrayList<>();
    for (ActionContext ctx : contexts) {
      if (Trees.complete(ctx)) {
        Action a = action(ctx);
        if (a != null) {
          out.add(a);
        }
      }
    }
    return out;
  }

  private Action action(ActionContext ctx) {
    Span span = t.span(ctx);
    return switch (ctx) {
      case ToActionContext c -> new Action.To(destination(c.destination()), span);
      case SplitActionContext c ->
          new Action.Split(
              c.weighted().stream()
                  .map(
                      w ->
                          new Action.Weighted(
                              destination(w.destination()), lit(w.PERCENT()), t.span(w)))
                  .toList(),
              span);
      case FaultActionContext c ->
          new Action.Fault(c.faultPart().stream().map(this::fault).toList(), span);
      case TimeoutActionContext c -> new Action.Timeout(lit(c.UNIT_NUMBER()), span);
      case RetriesActionContext c -> retries(c, span);
      case MirrorActionContext c ->
          new Action.Mirror(
              destination(c.destination()), Optional.ofNullable(c.PERCENT()).map(this::lit), span);
      case RewriteActionContext c ->
          new Action.Rewrite(c.rewritePart().stream().map(this::rewrite).toList(), span);
      case RedirectActionContext c ->
          new Action.Redirect(c.redirectPart().stream().map(this::redirect).toList(), span);
      case RespondActionContext c ->
          new Action.Respond(lit(c.INT()), Optional.ofNullable(c.STRING()).map(t::string), span);
      case HeadersActionContext c -> headers(c, span);
      default -> null;
    };
  }

  private Destination destination(DestinationContext ctx) {
    Name first = t.name(ctx.name(0));
    Optional<Name> second =
        ctx.name().size() > 1 ? Optional.of(t.name(ctx.name(1))) : Optional.empty();
    return new Destination(first, second, t.span(ctx));
  }

  private Action.FaultPart fault(FaultPartContext ctx) {
    return switch (ctx) {
      case DelayFaultContext c ->
          new Action.Delay(
              lit(c.UNIT_NUMBER()), Optional.ofNullable(c.PERCENT()).map(this::lit), t.span(c));
      case AbortFaultContext c ->
          new Action.Abort(
              lit(c.INT()), Optional.ofNullable(c.PERCENT()).map(this::lit), t.span(c));
      default -> throw new IllegalStateException("unknown fault " + ctx.getClass());
    };
  }

  private Action.Retries retries(RetriesActionContext ctx, Span span) {
    Optional<Literal> perTry = Optional.empty();
    Optional<Literal> backoff = Optional.empty();
    Optional<Literal> backoffMax = Optional.empty();
    List<Literal> on = new ArrayList<>();
    List<Span> clauses = new ArrayList<>();
    for (RetryClauseContext clause : ctx.retryClause()) {
      clauses.add(t.span(clause));
      switch (clause) {
        case PerTryClauseContext c -> perTry = Optional.of(lit(c.UNIT_NUMBER()));
        case RetryOnClauseContext c ->
            c.retryCondition()
                .forEach(
                    rc ->
                        on.add(
                            t.literal(
                                rc.getStart(), DeclBuilder.literalKind(rc.getStart().getType()))));
        case BackoffClauseContext c -> {
          backoff = Optional.of(lit(c.UNIT_NUMBER(0)));
          backoffMax =
              c.UNIT_NUMBER().size() > 1 ? Optional.of(lit(c.UNIT_NUMBER(1))) : Optional.empty();
        }
        default -> {}
      }
    }
    return new Action.Retries(lit(ctx.INT()), perTry, on, backoff, backoffMax, clauses, span);
  }

  private Action.RewritePart rewrite(RewritePartContext ctx) {
    return switch (ctx) {
      case PrefixRewriteContext c -> new Action.PrefixRewrite(t.string(c.STRING()), t.span(c));
      case RegexRewriteContext c ->
          new Action.RegexRewrite(t.string(c.STRING(0)), t.string(c.STRING(1)), t.span(c));
      case HostRewriteContext c -> new Action.HostRewrite(t.string(c.STRING()), t.span(c));
      default -> throw new IllegalStateException("unknown rewrite " + ctx.getClass());
    };
  }

  private Action.RedirectPart redirect(RedirectPartContext ctx) {
    Span span = t.span(ctx);
    return switch (ctx) {
      case SchemeRedirectContext c -> part(Action.RedirectField.SCHEME, t.string(c.STRING()), span);
      case HostRedirectContext c -> part(Action.RedirectField.HOST, t.string(c.STRING()), span);
      case PortRedirectContext c -> part(Action.RedirectField.PORT, lit(c.INT()), span);
      case PathRedirectContext c -> part(Action.RedirectField.PATH, t.string(c.STRING()), span);
      case PrefixRedirectContext c -> part(Action.RedirectField.PREFIX, t.string(c.STRING()), span);
      case CodeRedirectContext c -> part(Action.RedirectField.CODE, lit(c.INT()), span);
      case StripQueryRedirectContext c ->
          new Action.RedirectPart(Action.RedirectField.STRIP_QUERY, Optional.empty(), span);
      default -> throw new IllegalStateException("unknown redirect " + ctx.getClass());
    };
  }

  private static Action.RedirectPart part(Action.RedirectField field, Literal value, Span span) {
    return new Action.RedirectPart(field, Optional.of(value), span);
  }

  private Action.Headers headers(HeadersActionContext ctx, Span span) {
    Action.Direction direction =
        ctx.direction.getType() == MeshLexer.REQUEST
            ? Action.Direction.REQUEST
            : Action.Direction.RESPONSE;
    return switch (ctx.headerOp()) {
      case SetHeaderContext c ->
          new Action.Headers(
              direction,
              Action.HeaderOp.SET,
              t.string(c.STRING(0)),
              Optional.of(t.string(c.STRING(1))),
              span);
      case AddHeaderContext c ->
          new Action.Headers(
              direction,
              Action.HeaderOp.ADD,
              t.string(c.STRING(0)),
              Optional.of(t.string(c.STRING(1))),
              span);
      case RemoveHeaderContext c ->
          new Action.Headers(
              direction, Action.HeaderOp.REMOVE, t.string(c.STRING()), Optional.empty(), span);
      default -> throw new IllegalStateException("unknown header op " + ctx.getClass());
    };
  }

  private Literal lit(TerminalNode node) {
    return t.literal(node, DeclBuilder.literalKind(node.getSymbol().getType()));
  }
}
