package dev.rigging.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A multi-document YAML file split into its documents, each kept as written (so that documents
 * nobody changes can be written back byte for byte, comments and all) and as a Jackson tree, with
 * the line of every value so that a problem found later can still be reported at {@code file:line}.
 */
final class YamlDocuments {
  private static final Pattern SEPARATOR = Pattern.compile("---(\\s.*)?");
  private static final YAMLMapper MAPPER = new YAMLMapper();

  /**
   * One document.
   *
   * @param text its text, without the {@code ---} line that opened it
   * @param firstLine the file's line number of the first line of {@code text}
   * @param tree the parsed document; null for a document of comments or nothing
   * @param lines the file's line number of each value, by JSON Pointer ({@code /spec/replicas})
   */
  record Document(String text, int firstLine, JsonNode tree, Map<String, Integer> lines) {
    /** Returns the line of the value at {@code pointer}, or of its nearest parent that has one. */
    int lineOf(String pointer) {
      String p = pointer;
      while (true) {
        Integer line = lines.get(p);
        if (line != null) {
          return line;
        }
        if (p.isEmpty()) {
          return firstLine;
        }
        p = p.substring(0, p.lastIndexOf('/'));
      }
    }
  }

  /** A YAML syntax error, at a line of the file. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    SyntaxError(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  private YamlDocuments() {}

  /** Splits and parses {@code text}. */
  static List<Document> parse(String text) throws SyntaxError {
    List<Document> documents = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    var current = new StringBuilder();
    int start = 1;
    for (int i = 0; i < lines.length; i++) {
      if (SEPARATOR.matcher(lines[i]).matches()) {
        add(documents, current.toString(), start);
        current.setLength(0);
        start = i + 2;
      } else {
        current.append(lines[i]);
        if (i < lines.length - 1) {
          current.append('\n');
        }
      }
    }
    add(documents, current.toString(), start);
    return documents;
  }

  private static void add(List<Document> documents, String text, int firstLine) throws SyntaxError {
    if (text.isBlank()) {
      return;
    }
    Map<String, Integer> lines = new HashMap<>();
    try {
      JsonNode tree;
      try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
        tree = parser.nextToken() == null ? null : MAPPER.readTree(parser);
      }
      // A second pass records where each value is; the tree itself keeps no positions.
      try (JsonParser parser = ((YAMLFactory) MAPPER.getFactory()).createParser(text)) {
        for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
          if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            lines.putIfAbsent(pointer, firstLine - 1 + parser.currentTokenLocation().getLineNr());
          }
        }
      }
      documents.add(new Document(text, firstLine, tree, lines));
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      int line = at == null ? firstLine : firstLine - 1 + at.getLineNr();
      int column = at == null ? 1 : Math.max(1, at.getColumnNr());
      throw new SyntaxError(e.getOriginalMessage(), line, column);
    } catch (IOException e) {
      throw new SyntaxError(e.getMessage(), firstLine, 1);
    }
  }

  /**
   * Turns a violation path ({@code spec.template.spec.containers[0].image}) into a JSON Pointer
   * ({@code /spec/template/spec/containers/0/image}).
   */
  static String pointer(String path) {
    if (path.isEmpty()) {
      return "";
    }
    var out = new StringBuilder();
    for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
      if (!part.isEmpty()) {
        out.append('/').append(part.replace("~", "~0").replace("/", "~1"));
      }
    }
    return out.toString();
  }
}
