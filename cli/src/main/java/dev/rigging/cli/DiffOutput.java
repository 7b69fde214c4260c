package dev.rigging.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.diag.HumanRenderer;
import dev.rigging.diff.Change;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a {@link DiffReport}: as text for terminals, one JSON document (schema {@value #SCHEMA}),
 * or markdown for a pull-request comment. Diagnostics of a revision that does not compile always go
 * to stderr as well, rendered as {@code rig check} renders them.
 */
final class DiffOutput {
  static final String SCHEMA = "rigging.diff/v1";

  /** First line of the markdown, so that CI can find and update its earlier comment. */
  static final String MARKDOWN_MARKER = "<!-- rigging-diff -->";

  private DiffOutput() {}

  static void print(DiffReport report, DiffFormat format, PrintWriter out, PrintWriter err) {
    for (DiffReport.Errors errors : report.errors()) {
      err.println("rig: " + heading(errors) + ":");
      err.print(
          HumanRenderer.render(errors.compilation().diagnostics(), errors.compilation().dropped()));
    }
    err.flush();
    out.print(
        switch (format) {
          case TEXT -> text(report);
          case JSON -> Json.text(json(report));
          case MARKDOWN -> markdown(report);
        });
    out.flush();
  }

  private static String heading(DiffReport.Errors errors) {
    return "the policy at `"
        + errors.path()
        + "` has errors at the "
        + errors.side()
        + " revision, "
        + errors.revision();
  }

  static String text(DiffReport report) {
    StringBuilder text = new StringBuilder();
    text.append("rig diff: ")
        .append(report.base())
        .append(" → ")
        .append(report.head())
        .append('\n');
    for (DiffReport.MeshChanges mesh : report.meshes()) {
      text.append('\n').append(mesh.path()).append(" (mesh ").append(mesh.mesh()).append("): ");
      if (mesh.changes().isEmpty()) {
        text.append("no change to traffic\n");
        continue;
      }
      text.append(count(mesh.changes().size())).append('\n');
      byScope(mesh.changes())
          .forEach(
              (scope, changes) -> {
                text.append("  ").append(scope).append('\n');
                changes.forEach(
                    c ->
                        text.append("    ")
                            .append(c.kind().marker())
                            .append(' ')
                            .append(c.text())
                            .append('\n'));
              });
    }
    for (DiffReport.Errors errors : report.errors()) {
      text.append('\n').append(heading(errors)).append(" (diagnostics on stderr)\n");
    }
    return text.toString();
  }

  static String markdown(DiffReport report) {
    StringBuilder md = new StringBuilder(MARKDOWN_MARKER).append('\n');
    md.append("### Rigging: what this change does to traffic\n\n");
    md.append('`').append(report.base()).append("` → `").append(report.head()).append("`\n");
    for (DiffReport.MeshChanges mesh : report.meshes()) {
      md.append("\n#### `")
          .append(mesh.path())
          .append("` (mesh `")
          .append(mesh.mesh())
          .append("`)\n\n");
      if (mesh.changes().isEmpty()) {
        md.append("No change to traffic.\n");
        continue;
      }
      byScope(mesh.changes())
          .forEach(
              (scope, changes) -> {
                md.append("**").append(scope).append("**\n\n");
                changes.forEach(
                    c ->
                        md.append("- ")
                            .append(c.kind().label())
                            .append(": ")
                            .append(c.text())
                            .append('\n'));
                md.append('\n');
              });
    }
    for (DiffReport.Errors errors : report.errors()) {
      md.append("\n#### :x: ")
          .append(heading(errors).replace("the policy", "The policy"))
          .append("\n\n");
      md.append("```text\n");
      md.append(
          HumanRenderer.render(errors.compilation().diagnostics(), errors.compilation().dropped()));
      md.append("```\n");
    }
    return md.toString().replaceAll("\n{3,}", "\n\n").stripTrailing() + "\n";
  }

  static ObjectNode json(DiffReport report) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    root.put("base", report.base());
    root.put("head", report.head());
    root.put("changed", report.changed());
    ArrayNode meshes = root.putArray("meshes");
    for (DiffReport.MeshChanges mesh : report.meshes()) {
      ObjectNode node = meshes.addObject();
      node.put("path", mesh.path());
      node.put("mesh", mesh.mesh());
      ArrayNode changes = node.putArray("changes");
      for (Change change : mesh.changes()) {
        ObjectNode c = changes.addObject();
        c.put("scope", change.scope());
        c.put("kind", change.kind().label());
        c.put("text", change.text());
      }
    }
    ArrayNode errors = root.putArray("errors");
    for (DiffReport.Errors e : report.errors()) {
      ObjectNode node = errors.addObject();
      node.put("path", e.path());
      node.put("side", e.side());
      node.put("revision", e.revision());
      ArrayNode diagnostics = node.putArray("diagnostics");
      e.compilation().diagnostics().forEach(d -> diagnostics.add(DiagnosticJson.diagnostic(d)));
    }
    return root;
  }

  private static Map<String, List<Change>> byScope(List<Change> changes) {
    Map<String, List<Change>> grouped = new LinkedHashMap<>();
    changes.forEach(c -> grouped.computeIfAbsent(c.scope(), s -> new ArrayList<>()).add(c));
    return grouped;
  }

  private static String count(int n) {
    return n == 1 ? "1 change" : n + " changes";
  }
}
