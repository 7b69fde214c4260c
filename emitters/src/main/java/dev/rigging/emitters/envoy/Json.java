package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * JSON trees and their one canonical text form. {@link ObjectNode} keeps insertion order, so
 * every builder adds fields in a fixed order and the output is byte-identical across runs.
 */
final class Json {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Two-space indentation and {@code \n} whatever the platform; {@code "key": value}. */
  private static final ObjectWriter WRITER = new ObjectMapper().writer(printer());

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  static ArrayNode strings(Collection<String> values) {
    var array = NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }

  static ArrayNode arrayOf(JsonNode... nodes) {
    var array = NODES.arrayNode(nodes.length);
    for (var node : nodes) {
      array.add(node);
    }
    return array;
  }

  /** Returns an object holding just {@code name: value}. */
  static ObjectNode single(String name, JsonNode value) {
    var node = NODES.objectNode();
    node.set(name, value);
    return node;
  }

  static ObjectNode single(String name, String value) {
    return NODES.objectNode().put(name, value);
  }

  /** Returns a {@code google.protobuf.Any} in JSON form: {@code "@type"} first, then the fields. */
  static ObjectNode any(String messageType) {
    return NODES.objectNode().put("@type", EnvoyTypes.url(messageType));
  }

  /** Returns {@code {"filename": path}}, Envoy's {@code DataSource} for a file. */
  static ObjectNode file(String path) {
    return single("filename", path);
  }

  /** Serializes a document: pretty-printed UTF-8 ending in a newline. */
  static byte[] bytes(JsonNode document) {
    var out = new ByteArrayOutputStream(8192);
    try {
      WRITER.writeValue(out, document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an Envoy document", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static DefaultPrettyPrinter printer() {
    var separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    var indenter = new DefaultIndenter("  ", "\n");
    var printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }
}
