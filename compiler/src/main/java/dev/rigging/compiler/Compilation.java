package dev.rigging.compiler;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.diag.Diagnostic;
import dev.rigging.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * The result of compiling a set of `.mesh` files: the checked mesh when there were no errors, every
 * diagnostic sorted by location, and how long each stage took.
 *
 * @param dropped diagnostics not kept because the cap was reached
 * @param sources every file read, imports included, in load order
 */
public record Compilation(
    Optional<Mesh> mesh,
    List<Diagnostic> diagnostics,
    int dropped,
    List<StageTiming> timings,
    List<SourceFile> sources) {
  public Compilation {
    diagnostics = List.copyOf(diagnostics);
    timings = List.copyOf(timings);
    sources = List.copyOf(sources);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** How long one named stage took. */
  public record StageTiming(String stage, long nanos) {}
}
