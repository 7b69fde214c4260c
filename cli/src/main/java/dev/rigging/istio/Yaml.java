package dev.rigging.istio;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document as a tree whose every node knows where it starts, so that an error about any
 * field points at its line and column. Read with Jackson's YAML parser, token by token (Jackson's
 * own trees forget positions).
 */
sealed interface Yaml {
  /** 1-based line and column of the node's first character. */
  record At(int line, int column) {}

  At at();

  /** A mapping; keys keep their order, each with the position of the key itself. */
  record MapNode(Map<String, Entry> entries, At at) implements Yaml {
    Optional<Yaml> get(String key) {
      return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }
  }

  /** One key of a mapping, its position and its value. */
  record Entry(String key, At at, Yaml value) {}

  record ListNode(List<Yaml> items, At at) implements Yaml {}

  /** A scalar; {@code text} is null for YAML null. */
  record Scalar(String text, JsonToken token, At at) implements Yaml {
    boolean isNumber() {
      return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }
  }

  /** A YAML syntax error, with where the parser stopped. */
  final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final At at;

    SyntaxError(String message, At at) {
      super(message);
      this.at = at;
    }
  }

  /** The documents read, and the syntax error that stopped reading, if any. */
  record Documents(List<Yaml> documents, Optional<SyntaxError> error) {}

  /**
   * Returns every document of a (possibly multi-document) YAML text, empty ones skipped; after a
   * syntax error, the documents before it and the error.
   */
  static Documents documents(String text) {
    List<Yaml> documents = new ArrayList<>();
    try (JsonParser parser = new YAMLFactory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Yaml document = read(parser, token);
        if (!(document instanceof Scalar s && s.text() == null)) {
          documents.add(document);
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String message = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
      At at = where == null ? new At(1, 1) : new At(where.getLineNr(), where.getColumnNr());
      return new Documents(documents, Optional.of(new SyntaxError(message, at)));
    } catch (IOException e) {
      return new Documents(
          documents, Optional.of(new SyntaxError(String.valueOf(e.getMessage()), new At(1, 1))));
    }
    return new Documents(documents, Optional.empty());
  }

  private static Yaml read(JsonParser parser, JsonToken token) throws IOException {
    At at = at(parser.currentTokenLocation());
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          At keyAt = at(parser.currentTokenLocation());
          Yaml value = read(parser, parser.nextToken());
          entries.put(key, new Entry(key, keyAt, value));
        }
        if (next != JsonToken.END_OBJECT) {
          throw new IOException("unexpected " + next);
        }
        yield new MapNode(entries, at);
      }
      case START_ARRAY -> {
        List<Yaml> items = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (next == null) {
            throw new IOException("unterminated list");
          }
          items.add(read(parser, next));
        }
        yield new ListNode(items, at);
      }
      case VALUE_NULL -> new Scalar(null, token, at);
      default -> new Scalar(parser.getText(), token, at);
    };
  }

  private static At at(JsonLocation location) {
    return new At(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }
}
