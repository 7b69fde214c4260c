package dev.rigging.compiler.stages;

/**
 * One named step of the compiler. Checking stages report into the context's diagnostics and never
 * throw on bad input; stages that need an error-free mesh say so.
 */
public interface Stage {
  /** A short kebab-case name, shown in timings ({@code rig compile --timings}). */
  String name();

  /** Returns whether this stage may only run when no error has been reported so far. */
  default boolean needsCleanInput() {
    return false;
  }

  void run(CompileContext context);
}
