package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Duration;
import dev.rigging.compiler.ir.Fault;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.ast.Action;
import java.util.Optional;

/** Lowers {@code fault delay D on P%, abort S on P%}: at most one delay and one abort. */
final class FaultLowering {
  private final Diagnostics diagnostics;
  private final Values values;

  FaultLowering(Diagnostics diagnostics, Values values) {
    this.diagnostics = diagnostics;
    this.values = values;
  }

  record Faults(boolean ok, Optional<Fault.Delay> delay, Optional<Fault.Abort> abort) {}

  Faults lower(Action.Fault fault) {
    boolean ok = true;
    Optional<Fault.Delay> delay = Optional.empty();
    Optional<Fault.Abort> abort = Optional.empty();
    Action.FaultPart firstDelay = null;
    Action.FaultPart firstAbort = null;
    for (Action.FaultPart part : fault.parts()) {
      Action.FaultPart first = part instanceof Action.Delay ? firstDelay : firstAbort;
      if (first != null) {
        String kind = part instanceof Action.Delay ? "delay" : "abort";
        diagnostics.add(
            Diagnostic.error(
                    Code.DUPLICATE_ACTION, part.span(), "fault has two `" + kind + "` parts")
                .label("second " + kind)
                .secondary(first.span(), "first " + kind)
                .help("one rule injects at most one delay and one abort"));
        ok = false;
        continue;
      }
      Optional<Percent> percent =
          part.percent().isPresent()
              ? values.percent(part.percent().get())
              : Optional.of(Percent.HUNDRED);
      switch (part) {
        case Action.Delay d -> {
          firstDelay = d;
          Optional<Duration> duration = values.positiveDuration(d.duration());
          ok &= duration.isPresent() && percent.isPresent();
          if (duration.isPresent() && percent.isPresent()) {
            delay = Optional.of(new Fault.Delay(duration.get(), percent.get()));
          }
        }
        case Action.Abort a -> {
          firstAbort = a;
          var status =
              values.status(
                  a.status(), 200, 599, "Envoy's fault filter aborts with statuses 200-599 only");
          ok &= status.isPresent() && percent.isPresent();
          if (status.isPresent() && percent.isPresent()) {
            abort = Optional.of(new Fault.Abort(status.getAsInt(), percent.get()));
          }
        }
      }
    }
    return new Faults(ok, delay, abort);
  }
}
