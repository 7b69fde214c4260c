package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Percent;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.Target;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.ast.Action;
import dev.rigging.dsl.ast.Destination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lowers {@code split a 20%, b 80%}: weights sum to exactly 100%, no destination twice. */
final class SplitLowering {
  private final Diagnostics diagnostics;
  private final Values values;
  private final Map<Destination, Target> targets;

  SplitLowering(Diagnostics diagnostics, Values values, Map<Destination, Target> targets) {
    this.diagnostics = diagnostics;
    this.values = values;
    this.targets = targets;
  }

  Optional<List<RouteAction.Weighted>> lower(Action.Split split) {
    boolean ok = true;
    long total = 0;
    List<RouteAction.Weighted> out = new ArrayList<>();
    Map<Target, Action.Weighted> seen = new HashMap<>();
    for (Action.Weighted part : split.parts()) {
      Optional<Percent> weight = values.percent(part.percent());
      Target target = targets.get(part.destination());
      if (weight.isEmpty() || target == null) {
        ok = false;
        continue;
      }
      Action.Weighted first = seen.putIfAbsent(target, part);
      if (first != null) {
        diagnostics.add(
            Diagnostic.error(
                    Code.SPLIT_DUPLICATE_DESTINATION,
                    part.destination().span(),
                    "split sends to `" + target + "` twice")
                .label("named again here")
                .secondary(first.destination().span(), "first named here")
                .help("give `" + target + "` one share: the sum of the two"));
        ok = false;
        continue;
      }
      total += weight.get().ppm();
      out.add(new RouteAction.Weighted(target, weight.get()));
    }
    if (ok && total != Percent.MILLION) {
      String sum =
          java.math.BigDecimal.valueOf(total, 4).stripTrailingZeros().toPlainString() + "%";
      diagnostics.add(
          Diagnostic.error(
                  Code.SPLIT_NOT_100, split.span(), "split weights sum to " + sum + ", not 100%")
              .label("weights add up to " + sum)
              .help(
                  total < Percent.MILLION
                      ? "add the missing "
                          + java.math.BigDecimal.valueOf(Percent.MILLION - total, 4)
                              .stripTrailingZeros()
                              .toPlainString()
                          + "% to one destination"
                      : "remove "
                          + java.math.BigDecimal.valueOf(total - Percent.MILLION, 4)
                              .stripTrailingZeros()
                              .toPlainString()
                          + "% from the weights"));
      ok = false;
    }
    return ok ? Optional.of(out) : Optional.empty();
  }
}
