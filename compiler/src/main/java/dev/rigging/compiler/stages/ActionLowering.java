package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Duration;
import dev.rigging.compiler.ir.Fault;
import dev.rigging.compiler.ir.HeaderEdit;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.Target;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.ast.Action;
import dev.rigging.dsl.ast.Destination;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers the actions of one rule. Exactly one of {@code to}, {@code split}, {@code redirect},
 * {@code respond} says what happens; {@code timeout}, {@code retries}, {@code mirror} and {@code
 * rewrite} only make sense when forwarding; {@code fault} and header edits go with any.
 */
final class ActionLowering {
  /** The retry conditions the bundled proxy implements, by Envoy's names. */
  static final List<String> RETRY_ON =
      List.of(
          "5xx", "gateway-error", "reset", "connect-failure", "retriable-4xx", "refused-stream");

  /** Istio's default when no {@code on} is given: safe to retry whatever the method. */
  private static final List<String> DEFAULT_RETRY_ON = List.of("connect-failure", "refused-stream");

  private static final List<Integer> DEFAULT_RETRIABLE_CODES = List.of(503);
  private static final List<Integer> REDIRECT_CODES = List.of(301, 302, 303, 307, 308);

  private final Diagnostics diagnostics;
  private final Values values;
  private final Map<Destination, Target> targets;

  ActionLowering(Diagnostics diagnostics, Values values, Map<Destination, Target> targets) {
    this.diagnostics = diagnostics;
    this.values = values;
    this.targets = targets;
  }

  /** What a rule's actions lower to. */
  record Lowered(
      RouteAction action,
      Optional<Fault.Delay> delay,
      Optional<Fault.Abort> abort,
      List<HeaderEdit> requestHeaders,
      List<HeaderEdit> responseHeaders) {}

  Optional<Lowered> lower(List<Action> actions, Span ruleHead) {
    Map<String, Action> once = new HashMap<>();
    List<Action> outcomes = new ArrayList<>();
    List<Action> forwardOnly = new ArrayList<>();
    boolean ok = true;
    for (Action action : actions) {
      boolean repeatable = action instanceof Action.Headers;
      if (!repeatable) {
        Action first = once.putIfAbsent(action.keyword(), action);
        if (first != null) {
          diagnostics.add(
              Diagnostic.error(
                      Code.DUPLICATE_ACTION,
                      action.span(),
                      "`" + action.keyword() + "` is given twice in one rule")
                  .label("given again here")
                  .secondary(first.span(), "first given here")
                  .help("keep one `" + action.keyword() + "`; only one can apply"));
          ok = false;
          continue;
        }
      }
      switch (action) {
        case Action.To t -> outcomes.add(t);
        case Action.Split s -> outcomes.add(s);
        case Action.Redirect r -> outcomes.add(r);
        case Action.Respond r -> outcomes.add(r);
        case Action.Timeout t -> forwardOnly.add(t);
        case Action.Retries r -> forwardOnly.add(r);
        case Action.Mirror m -> forwardOnly.add(m);
        case Action.Rewrite r -> forwardOnly.add(r);
        case Action.Fault f -> {}
        case Action.Headers h -> {}
      }
    }
    if (outcomes.isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
                  Code.NO_DESTINATION,
                  ruleHead,
                  "rule says neither where to send the request nor what to answer")
              .label("matching requests would have nowhere to go")
              .help(
                  "add `to <version or service>`, `split ...`, `redirect ...` or `respond"
                      + " <status>`"));
      return Optional.empty();
    }
    if (outcomes.size() > 1) {
      diagnostics.add(
          Diagnostic.error(
                  Code.CONFLICTING_ACTIONS,
                  outcomes.get(1).span(),
                  "`"
                      + outcomes.get(1).keyword()
                      + "` conflicts with `"
                      + outcomes.get(0).keyword()
                      + "`")
              .label("second outcome")
              .secondary(outcomes.get(0).span(), "first outcome")
              .help("a rule has one outcome: forward (`to`/`split`), `redirect` or `respond`"));
      return Optional.empty();
    }
    Action outcome = outcomes.getFirst();
    boolean forwards = outcome instanceof Action.To || outcome instanceof Action.Split;
    if (!forwards && !forwardOnly.isEmpty()) {
      for (Action a : forwardOnly) {
        diagnostics.add(
            Diagnostic.error(
                    Code.CONFLICTING_ACTIONS,
                    a.span(),
                    "`" + a.keyword() + "` has no effect with `" + outcome.keyword() + "`")
                .label("applies only when forwarding")
                .secondary(outcome.span(), "the rule answers itself here")
                .help("remove `" + a.keyword() + "`, or forward with `to` instead"));
      }
      return Optional.empty();
    }
    Optional<Fault.Delay> delay = Optional.empty();
    Optional<Fault.Abort> abort = Optional.empty();
    List<HeaderEdit> request = new ArrayList<>();
    List<HeaderEdit> response = new ArrayList<>();
    for (Action action : actions) {
      if (action instanceof Action.Fault fault) {
        FaultLowering.Faults faults = new FaultLowering(diagnostics, values).lower(fault);
        ok &= faults.ok();
        delay = faults.delay();
        abort = faults.abort();
      } else if (action instanceof Action.Headers h) {
        Optional<HeaderEdit> edit = header(h);
        ok &= edit.isPresent();
        edit.ifPresent(
            e -> (h.direction() == Action.Direction.REQUEST ? request : response).add(e));
      }
    }
    Optional<RouteAction> lowered =
        switch (outcome) {
          case Action.Redirect r -> redirect(r);
          case Action.Respond r -> respond(r);
          default -> forward(outcome, actions);
        };
    if (!ok || lowered.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Lowered(lowered.get(), delay, abort, request, response));
  }

  private Optional<RouteAction> forward(Action outcome, List<Action> actions) {
    List<RouteAction.Weighted> weighted = new ArrayList<>();
    boolean ok = true;
    if (outcome instanceof Action.To to) {
      Target target = targets.get(to.destination());
      if (target == null) {
        return Optional.empty(); // unresolved: reported by resolve-references
      }
      weighted.add(new RouteAction.Weighted(target, Percent.HUNDRED));
    } else if (outcome instanceof Action.Split split) {
      Optional<List<RouteAction.Weighted>> parts =
          new SplitLowering(diagnostics, values, targets).lower(split);
      if (parts.isEmpty()) {
        return Optional.empty();
      }
      weighted.addAll(parts.get());
    }
    Optional<Duration> timeout = Optional.empty();
    Optional<RouteAction.Retry> retry = Optional.empty();
    Optional<RouteAction.Mirror> mirror = Optional.empty();
    Optional<RouteAction.Rewrite> rewrite = Optional.empty();
    for (Action action : actions) {
      switch (action) {
        case Action.Timeout t -> {
          timeout = values.positiveDuration(t.duration());
          ok &= timeout.isPresent();
        }
        case Action.Retries r -> {
          retry = retries(r);
          ok &= retry.isPresent();
        }
        case Action.Mirror m -> {
          Target target = targets.get(m.destination());
          Optional<Percent> percent =
              m.percent().isPresent()
                  ? values.percent(m.percent().get())
                  : Optional.of(Percent.HUNDRED);
          ok &= target != null && percent.isPresent();
          if (target != null && percent.isPresent()) {
            mirror = Optional.of(new RouteAction.Mirror(target, percent.get()));
          }
        }
        case Action.Rewrite r -> {
          rewrite = new RewriteLowering(diagnostics, values).lower(r);
          ok &= rewrite.isPresent();
        }
        default -> {}
      }
    }
    ok &= retriesFitTimeout(actions, timeout, retry) && mirrorElsewhere(actions, weighted, mirror);
    return ok
        ? Optional.of(new RouteAction.Forward(weighted, timeout, retry, mirror, rewrite))
        : Optional.empty();
  }

  /**
   * A per-try timeout at least as long as the route timeout leaves no time for a second try: the
   * retries that the rule asks for can never happen.
   */
  private boolean retriesFitTimeout(
      List<Action> actions, Optional<Duration> timeout, Optional<RouteAction.Retry> retry) {
    Optional<Duration> perTry = retry.flatMap(RouteAction.Retry::perTryTimeout);
    if (timeout.isEmpty() || perTry.isEmpty() || perTry.get().compareTo(timeout.get()) < 0) {
      return true;
    }
    Action.Retries retries = find(actions, Action.Retries.class);
    diagnostics.add(
        Diagnostic.error(
                Code.NUMBER_OUT_OF_RANGE,
                retries.perTry().orElseThrow().span(),
                "per-try timeout "
                    + perTry.get()
                    + " is not shorter than the route timeout "
                    + timeout.get())
            .label("the first try uses up the whole timeout")
            .secondary(
                find(actions, Action.Timeout.class).span(), "route timeout, which covers all tries")
            .note("no retry can start before the route times out")
            .help(
                "make `per_try` a fraction of `timeout`, e.g. `per_try "
                    + Duration.ofMillis(Math.max(1, timeout.get().millis() / 4))
                    + "`"));
    return false;
  }

  /** Mirroring to the one place every request already goes sends each request there twice. */
  private boolean mirrorElsewhere(
      List<Action> actions,
      List<RouteAction.Weighted> weighted,
      Optional<RouteAction.Mirror> mirror) {
    if (mirror.isEmpty()
        || weighted.size() != 1
        || !weighted.getFirst().target().equals(mirror.get().target())) {
      return true;
    }
    Action.Mirror m = find(actions, Action.Mirror.class);
    diagnostics.add(
        Diagnostic.error(
                Code.CONFLICTING_ACTIONS,
                m.destination().span(),
                "`mirror` copies requests to `"
                    + mirror.get().target()
                    + "`, where they already go")
            .label("every request would reach it twice")
            .secondary(forwardedTo(actions, m), "requests are forwarded here")
            .help("mirror to the version or service you want to shadow-test"));
    return false;
  }

  private static Span forwardedTo(List<Action> actions, Action.Mirror fallback) {
    for (Action a : actions) {
      if (a instanceof Action.To to) {
        return to.destination().span();
      } else if (a instanceof Action.Split split && !split.parts().isEmpty()) {
        return split.parts().getFirst().destination().span();
      }
    }
    return fallback.span();
  }

  private static <A extends Action> A find(List<Action> actions, Class<A> kind) {
    // The last one: when an action is repeated (reported elsewhere), the last one's value is used.
    return actions.stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private Optional<RouteAction.Retry> retries(Action.Retries r) {
    if (r.attempts().text().equals("0")) {
      diagnostics.add(
          Diagnostic.error(
                  Code.NUMBER_OUT_OF_RANGE,
                  r.attempts().span(),
                  "retry attempts `0` is out of range")
              .label("must be between 1 and 100")
              .help("to turn retries off, remove `retries`: a rule without it is never retried"));
      return Optional.empty();
    }
    var attempts = values.integer(r.attempts(), 1, 100, "retry attempts");
    Optional<Duration> perTry = r.perTry().flatMap(values::positiveDuration);
    Optional<Duration> base = r.backoff().flatMap(values::positiveDuration);
    Optional<Duration> max = r.backoffMax().flatMap(values::positiveDuration);
    boolean ok =
        attempts.isPresent()
            && r.perTry().isPresent() == perTry.isPresent()
            && r.backoff().isPresent() == base.isPresent()
            && r.backoffMax().isPresent() == max.isPresent();
    if (base.isPresent() && max.isPresent() && max.get().compareTo(base.get()) < 0) {
      diagnostics.add(
          Diagnostic.error(
                  Code.NUMBER_OUT_OF_RANGE,
                  r.backoffMax().get().span(),
                  "backoff maximum is less than its base")
              .label("must be at least " + base.get())
              .secondary(r.backoff().get().span(), "base interval")
              .help("the interval grows from `backoff` up to `max`; make `max` at least the base"));
      ok = false;
    }
    List<String> on = new ArrayList<>();
    List<Integer> codes = new ArrayList<>();
    for (Literal condition : r.on()) {
      if (condition.kind() == Literal.Kind.INT) {
        var code = values.status(condition, 100, 599, "retriable status codes are HTTP statuses");
        ok &= code.isPresent();
        code.ifPresent(codes::add);
      } else {
        var name =
            values.oneOf(condition, RETRY_ON, Code.UNKNOWN_RETRY_CONDITION, "retry condition");
        ok &= name.isPresent();
        name.filter(n -> !on.contains(n)).ifPresent(on::add);
      }
    }
    if (r.on().isEmpty()) {
      on.addAll(DEFAULT_RETRY_ON);
      codes.addAll(DEFAULT_RETRIABLE_CODES);
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(new RouteAction.Retry(attempts.getAsInt(), on, codes, perTry, base, max));
  }

  private Optional<RouteAction> respond(Action.Respond r) {
    var status =
        values.status(r.status(), 200, 599, "Envoy answers directly with statuses 200-599");
    if (status.isPresent() && REDIRECT_CODES.contains(status.getAsInt())) {
      // A direct answer has no Location header: clients get a redirect that leads nowhere.
      diagnostics.add(
          Diagnostic.error(
                  Code.STATUS_OUT_OF_RANGE,
                  r.status().span(),
                  "`respond " + status.getAsInt() + "` redirects nowhere")
              .label("a direct answer carries no Location header")
              .help(
                  "use `redirect path \""
                      + r.body().map(Literal::text).filter(b -> b.startsWith("/")).orElse("/new")
                      + "\" code "
                      + status.getAsInt()
                      + "` (or `host`, `prefix`, `scheme`) instead"));
      return Optional.empty();
    }
    return status.stream()
        .mapToObj(s -> (RouteAction) new RouteAction.Respond(s, r.body().map(Literal::text)))
        .findFirst();
  }

  private Optional<RouteAction> redirect(Action.Redirect r) {
    Map<Action.RedirectField, Action.RedirectPart> parts =
        new java.util.EnumMap<>(Action.RedirectField.class);
    boolean ok = true;
    for (Action.RedirectPart part : r.parts()) {
      Action.RedirectPart first = parts.putIfAbsent(part.field(), part);
      if (first != null) {
        diagnostics.add(
            Diagnostic.error(
                    Code.DUPLICATE_ENTRY,
                    part.span(),
                    "redirect `" + part.field().keyword() + "` is given twice")
                .label("given again here")
                .secondary(first.span(), "first given here"));
        ok = false;
      }
    }
    if (parts.keySet().stream()
        .allMatch(f -> f == Action.RedirectField.CODE || f == Action.RedirectField.STRIP_QUERY)) {
      diagnostics.add(
          Diagnostic.error(
                  Code.NO_DESTINATION,
                  r.span(),
                  "redirect changes neither scheme, host, port nor path")
              .label("would redirect to the same URL, forever")
              .help(
                  "add `host \"...\"`, `path \"...\"`, `prefix \"...\"`, `scheme \"https\"` or"
                      + " `port ...`"));
      ok = false;
    }
    if (parts.containsKey(Action.RedirectField.PATH)
        && parts.containsKey(Action.RedirectField.PREFIX)) {
      diagnostics.add(
          Diagnostic.error(
                  Code.CONFLICTING_ACTIONS,
                  parts.get(Action.RedirectField.PREFIX).span(),
                  "redirect sets both `path` and `prefix`")
              .label("conflicts with `path`")
              .secondary(
                  parts.get(Action.RedirectField.PATH).span(), "`path` replaces the whole path")
              .help(
                  "keep `path` to replace the whole path, or `prefix` to replace only the matched"
                      + " prefix"));
      ok = false;
    }
    Optional<String> scheme =
        value(parts, Action.RedirectField.SCHEME)
            .flatMap(l -> values.oneOf(l, List.of("http", "https"), Code.UNKNOWN_VALUE, "scheme"));
    Optional<String> host =
        value(parts, Action.RedirectField.HOST).flatMap(l -> values.host(l, false));
    var port = value(parts, Action.RedirectField.PORT).map(values::port);
    Optional<String> path =
        value(parts, Action.RedirectField.PATH).flatMap(l -> values.path(l, "redirect path"));
    Optional<String> prefix =
        value(parts, Action.RedirectField.PREFIX).flatMap(l -> values.path(l, "redirect prefix"));
    int code = 301;
    Optional<Literal> codeLit = value(parts, Action.RedirectField.CODE);
    if (codeLit.isPresent()) {
      var c = values.integer(codeLit.get(), 100, 599, "redirect status");
      if (c.isPresent() && !REDIRECT_CODES.contains(c.getAsInt())) {
        diagnostics.add(
            Diagnostic.error(
                    Code.STATUS_OUT_OF_RANGE,
                    codeLit.get().span(),
                    "`" + c.getAsInt() + "` is not a redirect status")
                .label("expected 301, 302, 303, 307 or 308"));
        ok = false;
      }
      ok &= c.isPresent();
      code = c.orElse(301);
    }
    ok &=
        value(parts, Action.RedirectField.SCHEME).isPresent() == scheme.isPresent()
            && value(parts, Action.RedirectField.HOST).isPresent() == host.isPresent()
            && port.map(p -> p.isPresent()).orElse(true)
            && value(parts, Action.RedirectField.PATH).isPresent() == path.isPresent()
            && value(parts, Action.RedirectField.PREFIX).isPresent() == prefix.isPresent();
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new RouteAction.Redirect(
            scheme,
            host,
            port.orElse(java.util.OptionalInt.empty()),
            path,
            prefix,
            code,
            parts.containsKey(Action.RedirectField.STRIP_QUERY)));
  }

  private static Optional<Literal> value(
      Map<Action.RedirectField, Action.RedirectPart> parts, Action.RedirectField field) {
    return Optional.ofNullable(parts.get(field)).flatMap(Action.RedirectPart::value);
  }

  private Optional<HeaderEdit> header(Action.Headers h) {
    Optional<String> name = values.headerName(h.name());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (name.get().startsWith(":") || name.get().equals("host")) {
      diagnostics.add(
          Diagnostic.error(
                  Code.INVALID_HEADER_NAME,
                  h.name().span(),
                  "`" + h.name().text() + "` cannot be edited as a header")
              .label("pseudo-header or host")
              .help("use `rewrite host \"...\"` to change the host"));
      return Optional.empty();
    }
    HeaderEdit.Op op =
        switch (h.op()) {
          case SET -> HeaderEdit.Op.SET;
          case ADD -> HeaderEdit.Op.ADD;
          case REMOVE -> HeaderEdit.Op.REMOVE;
        };
    return Optional.of(new HeaderEdit(op, name.get(), h.value().map(Literal::text)));
  }
}
