package dev.rigging.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Fix;
import dev.rigging.diag.Label;
import dev.rigging.diag.Severity;
import dev.rigging.source.Span;
import java.util.List;

/**
 * Diagnostics as JSON, schema {@value #SCHEMA}; documented in {@code cli/README.md}. Every key is
 * always present (absent values are {@code null} or empty arrays), so consumers need no existence
 * checks. Positions are 1-based; {@code end_line}/{@code end_column} point just past the span
 * (exclusive), columns count UTF-16 code units, as editors and LSP do.
 */
final class DiagnosticJson {
  /** Bumped only on an incompatible change; adding keys is compatible. */
  static final String SCHEMA = "rigging.diagnostics/v1";

  private DiagnosticJson() {}

  /** Returns the top-level document: schema, diagnostics and the counts. */
  static ObjectNode document(List<Diagnostic> diagnostics, int dropped) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    ArrayNode items = root.putArray("diagnostics");
    diagnostics.forEach(d -> items.add(diagnostic(d)));
    root.put("errors", count(diagnostics, Severity.ERROR));
    root.put("warnings", count(diagnostics, Severity.WARNING));
    root.put("dropped", dropped);
    return root;
  }

  static ObjectNode diagnostic(Diagnostic d) {
    ObjectNode node = Json.object();
    node.put("severity", d.severity().label());
    node.put("code", d.code().id());
    node.put("message", d.message());
    position(node, d.span());
    node.put("label", d.primary().message());
    ArrayNode related = node.putArray("related");
    for (Label label : d.secondary()) {
      ObjectNode item = related.addObject();
      position(item, label.span());
      item.put("message", label.message());
    }
    d.notes().forEach(node.putArray("notes")::add);
    d.help().forEach(node.putArray("help")::add);
    if (d.fix().isPresent()) {
      Fix fix = d.fix().get();
      ObjectNode edit = node.putObject("fix");
      position(edit, fix.span());
      edit.put("replacement", fix.replacement());
    } else {
      node.putNull("fix");
    }
    return node;
  }

  private static void position(ObjectNode node, Span span) {
    node.put("file", span.file().path());
    node.put("line", span.line());
    node.put("column", span.column());
    node.put("end_line", span.file().line(span.end()));
    node.put("end_column", span.file().column(span.end()));
  }

  static int count(List<Diagnostic> diagnostics, Severity severity) {
    return (int) diagnostics.stream().filter(d -> d.severity() == severity).count();
  }
}
