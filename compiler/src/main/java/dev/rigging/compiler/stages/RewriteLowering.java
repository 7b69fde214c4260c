package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.ast.Action;
import dev.rigging.source.Span;
import java.util.Optional;

/** Lowers {@code rewrite prefix|regex ... host ...}: one path rewrite at most, one host. */
final class RewriteLowering {
  private final Diagnostics diagnostics;
  private final Values values;

  RewriteLowering(Diagnostics diagnostics, Values values) {
    this.diagnostics = diagnostics;
    this.values = values;
  }

  Optional<RouteAction.Rewrite> lower(Action.Rewrite rewrite) {
    boolean ok = true;
    Optional<String> prefix = Optional.empty();
    Optional<RouteAction.RegexRewrite> regex = Optional.empty();
    Optional<String> host = Optional.empty();
    Span pathPart = null;
    Span hostPart = null;
    for (Action.RewritePart part : rewrite.parts()) {
      boolean isPath = !(part instanceof Action.HostRewrite);
      Span first = isPath ? pathPart : hostPart;
      if (first != null) {
        diagnostics.add(
            Diagnostic.error(
                    Code.CONFLICTING_ACTIONS,
                    part.span(),
                    isPath ? "rewrite changes the path twice" : "rewrite changes the host twice")
                .label("second rewrite")
                .secondary(first, "first rewrite")
                .help(
                    isPath
                        ? "rewrite the path once: with `prefix` or with `regex`"
                        : "keep one `host`"));
        ok = false;
        continue;
      }
      switch (part) {
        case Action.PrefixRewrite p -> {
          pathPart = p.span();
          prefix = values.path(p.prefix(), "rewrite prefix");
          ok &= prefix.isPresent();
        }
        case Action.RegexRewrite r -> {
          pathPart = r.span();
          Optional<String> pattern = values.regex(r.pattern());
          ok &= pattern.isPresent();
          regex = pattern.map(p -> new RouteAction.RegexRewrite(p, r.substitution().text()));
        }
        case Action.HostRewrite h -> {
          hostPart = h.span();
          host = values.host(h.host(), false);
          ok &= host.isPresent();
        }
      }
    }
    return ok ? Optional.of(new RouteAction.Rewrite(prefix, regex, host)) : Optional.empty();
  }
}
