package dev.rigging.cli;

import dev.rigging.compiler.Compilation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Wall-clock time per stage, for {@code --timings}: the compiler's own stages, then rig's. A stage
 * that runs on several threads at once also lists its parts with their time summed over the
 * threads, so that the parts can add up to more than the stage's wall time.
 */
final class Timings {
  private record Stage(String name, long nanos, String note, List<Compilation.StageTiming> parts) {}

  private final List<Stage> stages = new ArrayList<>();

  void addAll(List<Compilation.StageTiming> timings) {
    timings.forEach(t -> stages.add(new Stage(t.stage(), t.nanos(), "", List.of())));
  }

  /** Runs {@code work} and records how long it took under {@code stage}. */
  <T> T time(String stage, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      stages.add(new Stage(stage, System.nanoTime() - start, "", List.of()));
    }
  }

  void add(String stage, long nanos) {
    stages.add(new Stage(stage, nanos, "", List.of()));
  }

  /** Records a stage that ran on {@code threads} threads, with its parts' summed thread time. */
  void addParallel(String stage, long wallNanos, int threads, List<Compilation.StageTiming> parts) {
    String note =
        "  wall, on "
            + threads
            + (threads == 1 ? " thread" : " threads")
            + "; below, time summed over the threads";
    stages.add(new Stage(stage, wallNanos, note, List.copyOf(parts)));
  }

  /** Prints one aligned line per stage (and part) and a total of the stages, in milliseconds. */
  void print(PrintWriter err) {
    int width = "total".length();
    for (Stage stage : stages) {
      width = Math.max(width, stage.name().length());
      for (Compilation.StageTiming part : stage.parts()) {
        width = Math.max(width, part.stage().length() + 2);
      }
    }
    err.println("rig: timings");
    long total = 0;
    for (Stage stage : stages) {
      err.println(line(stage.name(), stage.nanos(), width) + stage.note());
      for (Compilation.StageTiming part : stage.parts()) {
        err.println(line("  " + part.stage(), part.nanos(), width));
      }
      total += stage.nanos();
    }
    err.println(line("total", total, width));
    err.flush();
  }

  private static String line(String stage, long nanos, int width) {
    return String.format(Locale.ROOT, "  %-" + width + "s %10.3f ms", stage, nanos / 1e6);
  }
}
