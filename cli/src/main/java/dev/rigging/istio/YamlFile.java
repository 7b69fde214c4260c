package dev.rigging.istio;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Istio YAML file being imported: its text, for located diagnostics, and typed access to its
 * nodes that reports a MESH0702 where a node has the wrong shape and a MESH0701 for every field
 * that has no equivalent.
 */
final class YamlFile {
  private final SourceFile source;
  private final Diagnostics diagnostics;

  YamlFile(SourceFile source, Diagnostics diagnostics) {
    this.source = source;
    this.diagnostics = diagnostics;
  }

  SourceFile source() {
    return source;
  }

  String path() {
    return source.path();
  }

  /** Returns the span of the token at {@code at}: up to the next space, colon or line end. */
  Span span(Yaml.At at) {
    String text = source.text();
    int line = Math.min(at.line(), source.lineCount());
    int start = 0;
    for (int l = 1; l < line; l++) {
      start = text.indexOf('\n', start) + 1;
    }
    start = Math.min(text.length(), start + at.column() - 1);
    int end = start;
    while (end < text.length() && " \t\r\n:,]}".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    return new Span(source, start, Math.max(end, Math.min(start + 1, text.length())));
  }

  Diagnostic.Builder error(Code code, Yaml.At at, String message) {
    return Diagnostic.error(code, span(at), message);
  }

  void report(Diagnostic.Builder builder) {
    diagnostics.add(builder.build());
  }

  void noEquivalent(Yaml.At at, String message, String help) {
    var d = error(Code.ISTIO_NO_EQUIVALENT, at, message).label("no .mesh equivalent");
    if (help != null) {
      d.help(help);
    }
    report(d);
  }

  void invalid(Yaml.At at, String message) {
    report(error(Code.ISTIO_INVALID, at, message).label("here"));
  }

  /** Reports every key of {@code map} outside {@code known} as having no equivalent. */
  void onlyKnown(Yaml.MapNode map, String where, Set<String> known) {
    for (Yaml.Entry entry : map.entries().values()) {
      if (!known.contains(entry.key())) {
        noEquivalent(
            entry.at(),
            "`" + entry.key() + "` in " + where + " has no .mesh equivalent",
            "supported here: " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  Optional<Yaml.MapNode> map(Optional<Yaml> node, String what) {
    if (node.isEmpty() || isNull(node.get())) {
      return Optional.empty();
    }
    if (node.get() instanceof Yaml.MapNode map) {
      return Optional.of(map);
    }
    invalid(node.get().at(), "`" + what + "` must be a map");
    return Optional.empty();
  }

  List<Yaml> list(Optional<Yaml> node, String what) {
    if (node.isEmpty() || isNull(node.get())) {
      return List.of();
    }
    if (node.get() instanceof Yaml.ListNode list) {
      return list.items();
    }
    invalid(node.get().at(), "`" + what + "` must be a list");
    return List.of();
  }

  Optional<String> string(Optional<Yaml> node, String what) {
    if (node.isEmpty() || isNull(node.get())) {
      return Optional.empty();
    }
    if (node.get() instanceof Yaml.Scalar s) {
      return Optional.of(s.text());
    }
    invalid(node.get().at(), "`" + what + "` must be a string");
    return Optional.empty();
  }

  Optional<Long> integer(Optional<Yaml> node, String what, long min, long max) {
    if (node.isEmpty() || isNull(node.get())) {
      return Optional.empty();
    }
    if (node.get() instanceof Yaml.Scalar s
        && s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
      try {
        long value = Long.parseLong(s.text());
        if (value >= min && value <= max) {
          return Optional.of(value);
        }
      } catch (NumberFormatException e) {
        // out of long range: reported below
      }
      invalid(
          s.at(), "`" + what + "` must be between " + min + " and " + max + ", not " + s.text());
      return Optional.empty();
    }
    invalid(node.get().at(), "`" + what + "` must be a whole number");
    return Optional.empty();
  }

  /** Returns a number (int or decimal) as written, for percentages. */
  Optional<java.math.BigDecimal> decimal(Optional<Yaml> node, String what) {
    if (node.isEmpty() || isNull(node.get())) {
      return Optional.empty();
    }
    if (node.get() instanceof Yaml.Scalar s && s.isNumber()) {
      return Optional.of(new java.math.BigDecimal(s.text()));
    }
    invalid(node.get().at(), "`" + what + "` must be a number");
    return Optional.empty();
  }

  /** Returns a required string, reporting its absence at {@code parent}. */
  Optional<String> required(Yaml.MapNode parent, String key, String what) {
    Optional<String> value = string(parent.get(key), what);
    if (value.isEmpty() && parent.get(key).isEmpty()) {
      invalid(parent.at(), "`" + what + "` is required");
    }
    return value;
  }

  private static boolean isNull(Yaml node) {
    return node instanceof Yaml.Scalar s && s.text() == null;
  }
}
