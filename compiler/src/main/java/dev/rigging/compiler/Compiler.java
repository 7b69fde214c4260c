package dev.rigging.compiler;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.stages.CompileContext;
import dev.rigging.compiler.stages.Stage;
import dev.rigging.compiler.stages.Stages;
import dev.rigging.diag.Diagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles `.mesh` files into the checked IR. Loading and parsing come first; then the named stages
 * of {@link Stages#ALL} run in order, each timed. Checking stages all run even after errors, so one
 * pass reports as much as it can; lowering runs only on an error-free mesh. An error while loading
 * or parsing (syntax, unreadable import) stops before checking: the recovered tree has holes, and
 * checking it would report mistakes the user never made (a service "without a port" whose port line
 * had a typo). Never throws on bad input.
 */
public final class Compiler {
  private final SourceReader reader;
  private final Path displayBase;

  public Compiler() {
    this(SourceReader.FILES);
  }

  public Compiler(SourceReader reader) {
    this(reader, Path.of(""));
  }

  /**
   * Returns a compiler reading through {@code reader} that shows paths relative to {@code
   * displayBase} when they lie under it (the working directory by default; a repository's top for
   * sources read from a Git revision).
   */
  public Compiler(SourceReader reader, Path displayBase) {
    this.reader = reader;
    this.displayBase = displayBase.toAbsolutePath().normalize();
  }

  /**
   * Compiles the given files and directories (every {@code *.mesh} below a directory, sorted) and
   * whatever they import.
   */
  public Compilation compile(List<Path> roots) {
    Diagnostics diagnostics = new Diagnostics();
    List<Compilation.StageTiming> timings = new ArrayList<>();
    long start = System.nanoTime();
    SourceLoader.Loaded loaded = new SourceLoader(reader, diagnostics, displayBase).load(roots);
    timings.add(new Compilation.StageTiming("load-and-parse", System.nanoTime() - start));

    CompileContext context = new CompileContext(loaded.files(), loaded.inputs(), diagnostics);
    boolean parsedCleanly = !diagnostics.hasErrors();
    for (Stage stage : Stages.ALL) {
      if (!parsedCleanly || (stage.needsCleanInput() && diagnostics.hasErrors())) {
        break;
      }
      long t0 = System.nanoTime();
      stage.run(context);
      timings.add(new Compilation.StageTiming(stage.name(), System.nanoTime() - t0));
    }
    Optional<Mesh> mesh = diagnostics.hasErrors() ? Optional.empty() : context.mesh();
    return new Compilation(
        mesh, diagnostics.sorted(), diagnostics.dropped(), timings, loaded.sources());
  }
}
