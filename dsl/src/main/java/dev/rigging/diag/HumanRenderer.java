package dev.rigging.diag;

import dev.rigging.source.Span;
import java.util.List;

/**
 * Renders diagnostics the way rustc does: a {@code file:line:col: error[CODE]: message} headline,
 * the source line with a caret run under the span, secondary locations, then {@code = note:} and
 * {@code = help:} lines.
 */
public final class HumanRenderer {
  private HumanRenderer() {}

  /** Returns all diagnostics rendered, each followed by a blank line, then a summary line. */
  public static String render(List<Diagnostic> diagnostics, int dropped) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      render(d, out);
      out.append('\n');
    }
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    if (dropped > 0) {
      out.append(dropped).append(" more diagnostics not shown\n");
    }
    if (errors > 0 || warnings > 0) {
      out.append(plural(errors, "error"))
          .append(", ")
          .append(plural(warnings, "warning"))
          .append('\n');
    }
    return out.toString();
  }

  /** Appends one diagnostic to {@code out}. */
  public static void render(Diagnostic d, StringBuilder out) {
    Span span = d.span();
    out.append(span.location())
        .append(": ")
        .append(d.severity().label())
        .append('[')
        .append(d.code().id())
        .append("]: ")
        .append(d.message())
        .append('\n');
    int gutter = Math.max(3, String.valueOf(span.file().line(span.end())).length() + 1);
    snippet(span, d.primary().message(), gutter, out);
    for (Label label : d.secondary()) {
      out.append(label.span().location()).append(": note: ").append(label.message()).append('\n');
      snippet(label.span(), "", gutter, out);
    }
    for (String note : d.notes()) {
      out.append(" ".repeat(gutter)).append(" = note: ").append(note).append('\n');
    }
    for (String help : d.help()) {
      out.append(" ".repeat(gutter)).append(" = help: ").append(help).append('\n');
    }
  }

  private static void snippet(Span span, String label, int gutter, StringBuilder out) {
    int line = span.line();
    if (line > span.file().lineCount() || span.file().text().isEmpty()) {
      return; // nothing to show, e.g. a file that could not be read
    }
    String text = span.file().lineText(line).replace('\t', ' ');
    out.append(pad(String.valueOf(line), gutter)).append(" | ").append(text).append('\n');
    int col = span.column() - 1;
    int endLine = span.file().line(Math.max(span.start(), span.end() - 1));
    int width =
        endLine == line ? Math.max(1, span.end() - span.start()) : Math.max(1, text.length() - col);
    width = Math.max(1, Math.min(width, Math.max(1, text.length() - col)));
    out.append(" ".repeat(gutter))
        .append(" | ")
        .append(" ".repeat(Math.min(col, text.length())))
        .append("^".repeat(width));
    if (!label.isEmpty()) {
      out.append(' ').append(label);
    }
    out.append('\n');
  }

  private static String pad(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
