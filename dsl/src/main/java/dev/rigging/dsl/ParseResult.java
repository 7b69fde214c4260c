package dev.rigging.dsl;

import dev.rigging.diag.Diagnostic;
import dev.rigging.dsl.ast.MeshFile;
import java.util.List;
import java.util.Optional;

/**
 * What parsing one file produced: the AST (partial when there were syntax errors: nodes that could
 * not be recovered are left out) and the diagnostics.
 */
public record ParseResult(Optional<MeshFile> file, List<Diagnostic> diagnostics) {
  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
