package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;

/**
 * Helpers for building JSON trees. {@link ObjectNode} keeps insertion order, so every builder adds
 * fields in a fixed order and the output is byte-identical across runs; {@link CompactJson} gives
 * the trees their one text form.
 */
final class Json {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /**
   * Returns an empty object. Most objects in an Envoy config have a handful of fields, and a
   * benchmark-sized mesh builds millions of them, so the map starts small rather than at the
   * default 16 slots.
   */
  static ObjectNode object() {
    return new ObjectNode(NODES, new LinkedHashMap<>(8));
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
    var node = new ObjectNode(NODES, new LinkedHashMap<>(2));
    node.set(name, value);
    return node;
  }

  static ObjectNode single(String name, String value) {
    return single(name, NODES.textNode(value));
  }

  /** Returns a {@code google.protobuf.Any} in JSON form: {@code "@type"} first, then the fields. */
  static ObjectNode any(String messageType) {
    return object().put("@type", EnvoyTypes.url(messageType));
  }

  /** Returns {@code {"filename": path}}, Envoy's {@code DataSource} for a file. */
  static ObjectNode file(String path) {
    return single("filename", path);
  }
}
