package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming writer against Jackson's compact writer, on the same values. */
class CompactJsonTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void printsLikeJacksonsCompactWriterIncludingEscapesAndUnicode() throws Exception {
    ObjectNode tree =
        NODES
            .objectNode()
            .put("plain", "a/b")
            .put("quotes", "say \"hi\" \\ back")
            .put("controls", "\b\f\n\r\t\u0001\u001f\u007f")
            .put("latin", "café")
            .put("cjk", "路由")
            .put("emoji", "🚀 ok")
            .put("int", 42)
            .put("negative", -7)
            .put("long", 1L << 40)
            .put("min", Long.MIN_VALUE)
            .put("yes", true)
            .put("no", false);
    tree.set("empty_object", NODES.objectNode());
    tree.set("empty_array", NODES.arrayNode());
    tree.set("nested", NODES.arrayNode().add(NODES.objectNode().set("a", array(object("b", 1)))));
    tree.set("strings", NODES.arrayNode().add("x").add("y").add(3).add(false));
    tree.set("arrays", NODES.arrayNode().add(NODES.arrayNode()).add(array(object("c", 2))));
    var deep = NODES.objectNode();
    var cursor = deep;
    for (int i = 0; i < 70; i++) {
      var next = NODES.objectNode();
      cursor.set("d" + i, next);
      cursor = next;
    }
    tree.set("deep", deep);
    var writer = new CompactJson();
    write(writer, tree);
    writer.newline();
    assertEquals(JacksonReference.compact(tree), writer.text());
  }

  @Test
  void aFragmentIsCopiedAsTheValueItWasWrittenAs() throws Exception {
    var value = object("name", "café 路由");
    var fragment = Fragment.of(out -> write(out, value));
    var tree = NODES.objectNode();
    tree.set("one", value);
    tree.set("list", NODES.arrayNode().add(value).add(value));
    var writer = new CompactJson();
    writer.beginObject().field("one", fragment).name("list").beginArray();
    writer.value(fragment).value(fragment).endArray().endObject().newline();
    // Copied bytes keep their UTF-8: the copy must not be read back as Latin-1.
    assertEquals(JacksonReference.compact(tree), writer.text());
  }

  @Test
  void anAnyCopiedFromAnotherBufferIsWhatJacksonWritesForTheSameTree() throws Exception {
    var resource = NODES.objectNode().put("name", "café 路由").put("port", 8080);
    resource.set("tags", NODES.arrayNode().add("a").add("b"));
    String url = EnvoyTypes.url(EnvoyTypes.CLUSTER);
    var expected = NODES.objectNode().put("@type", url);
    expected.setAll(resource);
    var empty = NODES.objectNode().put("@type", url);

    var source = new CompactJson().beginArray();
    write(source, resource);
    int from = 1;
    int to = source.length();
    source.beginObject().endObject().endArray();

    assertEquals(
        JacksonReference.compact(expected),
        new CompactJson().any(url, source, from, to).newline().text());
    assertEquals(
        JacksonReference.compact(expected),
        new CompactJson().any(url, Fragment.of(out -> write(out, resource))).newline().text());
    assertEquals(
        JacksonReference.compact(empty),
        new CompactJson().any(url, source, to + 1, to + 3).newline().text());
    var beganAny = new CompactJson().beginAny(EnvoyTypes.CLUSTER);
    resource.properties().forEach(field -> write(beganAny.name(field.getKey()), field.getValue()));
    assertEquals(JacksonReference.compact(expected), beganAny.endObject().newline().text());
  }

  @Test
  void resetStartsOver() {
    var writer = new CompactJson();
    writer.beginObject().field("a", "x".repeat(200_000)).endObject();
    writer.reset();
    assertEquals("{}\n", writer.beginObject().endObject().newline().text());
    writer.reset();
    assertEquals("[\"a\"]\n", writer.strings(List.of("a")).newline().text());
  }

  /** Drives the streaming calls from a tree, as a builder would write it. */
  static void write(CompactJson out, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.beginObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          write(out.name(field.getKey()), field.getValue());
        }
        out.endObject();
      }
      case ARRAY -> {
        out.beginArray();
        for (JsonNode element : node) {
          write(out, element);
        }
        out.endArray();
      }
      case STRING -> out.value(node.textValue());
      case NUMBER -> out.value(node.longValue());
      case BOOLEAN -> out.value(node.booleanValue());
      default -> throw new IllegalArgumentException("not emitted: " + node.getNodeType());
    }
  }

  private static ObjectNode object(String name, Object value) {
    var node = NODES.objectNode();
    if (value instanceof Integer i) {
      node.put(name, i);
    } else {
      node.put(name, (String) value);
    }
    return node;
  }

  private static JsonNode array(JsonNode... elements) {
    var array = NODES.arrayNode();
    for (var element : elements) {
      array.add(element);
    }
    return array;
  }
}
