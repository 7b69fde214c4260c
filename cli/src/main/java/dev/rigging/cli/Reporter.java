package dev.rigging.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.HumanRenderer;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints diagnostics where the format says: human text on stderr, as compilers do, so that stdout
 * carries only results; JSON or SARIF as one document on stdout, so that a tool can parse stdout
 * whole. The SARIF log carries diagnostics only: command-specific keys go to the JSON form.
 */
final class Reporter {
  private final Format format;
  private final PrintWriter out;
  private final PrintWriter err;

  Reporter(Format format, PrintWriter out, PrintWriter err) {
    this.format = format;
    this.out = out;
    this.err = err;
  }

  Format format() {
    return format;
  }

  /** Reports {@code diagnostics}; {@code extra} adds command-specific keys to the JSON document. */
  void report(List<Diagnostic> diagnostics, int dropped, Consumer<ObjectNode> extra) {
    switch (format) {
      case JSON -> {
        ObjectNode document = DiagnosticJson.document(diagnostics, dropped);
        extra.accept(document);
        out.print(Json.text(document));
        out.flush();
      }
      case SARIF -> {
        out.print(Json.text(Sarif.log(diagnostics, dropped)));
        out.flush();
      }
      case HUMAN -> {
        err.print(HumanRenderer.render(diagnostics, dropped));
        err.flush();
      }
    }
  }

  void report(List<Diagnostic> diagnostics, int dropped) {
    report(diagnostics, dropped, document -> {});
  }

  /** Prints a status line for people; suppressed for JSON and SARIF so stderr stays quiet. */
  void status(String line) {
    if (format == Format.HUMAN) {
      err.println("rig: " + line);
      err.flush();
    }
  }
}
