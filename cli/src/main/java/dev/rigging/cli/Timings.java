package dev.rigging.cli;

import dev.rigging.compiler.Compilation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Wall-clock time per stage, for {@code --timings}: the compiler's own stages, then rig's. */
final class Timings {
  private final List<Compilation.StageTiming> stages = new ArrayList<>();

  void addAll(List<Compilation.StageTiming> timings) {
    stages.addAll(timings);
  }

  /** Runs {@code work} and records how long it took under {@code stage}. */
  <T> T time(String stage, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      stages.add(new Compilation.StageTiming(stage, System.nanoTime() - start));
    }
  }

  /** Prints one aligned line per stage and a total, in milliseconds. */
  void print(PrintWriter err) {
    int width = Math.max("total".length(), stages.stream().mapToInt(s -> s.stage().length()).max().orElse(0));
    err.println("rig: timings");
    long total = 0;
    for (Compilation.StageTiming stage : stages) {
      err.println(line(stage.stage(), stage.nanos(), width));
      total += stage.nanos();
    }
    err.println(line("total", total, width));
    err.flush();
  }

  private static String line(String stage, long nanos, int width) {
    return String.format(Locale.ROOT, "  %-" + width + "s %10.3f ms", stage, nanos / 1e6);
  }
}
