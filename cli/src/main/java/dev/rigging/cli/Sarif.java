package dev.rigging.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Fix;
import dev.rigging.diag.Label;
import dev.rigging.source.Span;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Diagnostics as a SARIF 2.1.0 log, the format code-scanning services (GitHub, GitLab, Azure
 * DevOps) annotate pull requests from. One run; the tool's rules are every diagnostic code with the
 * help text of docs/DIAGNOSTICS.md. Columns count UTF-16 code units (SARIF's default {@code
 * columnKind}) and a region's end column points just past the span, as SARIF specifies. Relative
 * paths are given against {@code %SRCROOT%}, the checkout, so viewers resolve them in the
 * repository.
 */
final class Sarif {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String SRCROOT = "%SRCROOT%";

  private static final List<Code> RULES =
      Arrays.stream(Code.values()).sorted(Comparator.comparing(Code::id)).toList();

  private Sarif() {}

  /** Returns the SARIF log for {@code diagnostics}; {@code dropped} is recorded as a property. */
  static ObjectNode log(List<Diagnostic> diagnostics, int dropped) {
    ObjectNode root = Json.object();
    root.put("$schema", SCHEMA_URI);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "rig");
    driver.put("fullName", "Rigging policy checker");
    driver.put("version", Version.number());
    ArrayNode rules = driver.putArray("rules");
    RULES.forEach(code -> rules.add(rule(code)));
    ArrayNode results = run.putArray("results");
    diagnostics.forEach(d -> results.add(result(d)));
    run.put("columnKind", "utf16CodeUnits");
    run.putObject("properties").put("droppedDiagnostics", dropped);
    return root;
  }

  private static ObjectNode rule(Code code) {
    ObjectNode rule = Json.object();
    rule.put("id", code.id());
    rule.put("name", ruleName(code));
    rule.putObject("shortDescription").put("text", code.title());
    RuleHelp.of(code)
        .ifPresent(
            entry -> {
              if (!entry.firesWhen().isEmpty()) {
                rule.putObject("fullDescription").put("text", entry.firesWhen());
              }
              ObjectNode help = rule.putObject("help");
              help.put("text", entry.fix().isEmpty() ? code.title() : entry.fix());
              help.put("markdown", entry.markdown());
            });
    return rule;
  }

  /** {@code UNKNOWN_SERVICE} becomes {@code UnknownService}, SARIF's "opaque identifier" style. */
  private static String ruleName(Code code) {
    StringBuilder name = new StringBuilder();
    for (String word : code.name().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }

  private static ObjectNode result(Diagnostic d) {
    ObjectNode result = Json.object();
    result.put("ruleId", d.code().id());
    result.put("ruleIndex", RULES.indexOf(d.code()));
    result.put(
        "level",
        switch (d.severity()) {
          case ERROR -> "error";
          case WARNING -> "warning";
          case NOTE -> "note";
        });
    result.putObject("message").put("text", messageText(d));
    ObjectNode location = result.putArray("locations").addObject();
    location.set("physicalLocation", physicalLocation(d.span()));
    if (!d.primary().message().isEmpty()) {
      location.putObject("message").put("text", d.primary().message());
    }
    if (!d.secondary().isEmpty()) {
      ArrayNode related = result.putArray("relatedLocations");
      int id = 1;
      for (Label label : d.secondary()) {
        ObjectNode item = related.addObject();
        item.put("id", id++);
        item.set("physicalLocation", physicalLocation(label.span()));
        item.putObject("message").put("text", label.message());
      }
    }
    d.fix().ifPresent(fix -> result.putArray("fixes").add(fix(fix, d)));
    return result;
  }

  /** The message, then its notes and help lines, as the human renderer shows them. */
  private static String messageText(Diagnostic d) {
    StringBuilder text = new StringBuilder(d.message());
    d.notes().forEach(note -> text.append("\nnote: ").append(note));
    d.help().forEach(help -> text.append("\nhelp: ").append(help));
    return text.toString();
  }

  private static ObjectNode fix(Fix fix, Diagnostic d) {
    ObjectNode node = Json.object();
    node.putObject("description").put("text", "replace with `" + fix.replacement() + "`");
    ObjectNode change = node.putArray("artifactChanges").addObject();
    change.set("artifactLocation", artifactLocation(fix.span()));
    ObjectNode replacement = change.putArray("replacements").addObject();
    replacement.set("deletedRegion", region(fix.span()));
    replacement.putObject("insertedContent").put("text", fix.replacement());
    return node;
  }

  private static ObjectNode physicalLocation(Span span) {
    ObjectNode node = Json.object();
    node.set("artifactLocation", artifactLocation(span));
    node.set("region", region(span));
    return node;
  }

  private static ObjectNode artifactLocation(Span span) {
    ObjectNode node = Json.object();
    String path = span.file().path();
    if (Path.of(path).isAbsolute()) {
      node.put("uri", Path.of(path).toUri().toString());
    } else {
      node.put("uri", relativeUri(path));
      node.put("uriBaseId", SRCROOT);
    }
    return node;
  }

  private static String relativeUri(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("path cannot be a URI: " + path, e);
    }
  }

  private static ObjectNode region(Span span) {
    ObjectNode node = Json.object();
    node.put("startLine", span.line());
    node.put("startColumn", span.column());
    node.put("endLine", span.file().line(span.end()));
    node.put("endColumn", span.file().column(span.end()));
    return node;
  }
}
