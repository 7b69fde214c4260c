package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CompactJsonTest {

  @Test
  void printsLikeJacksonsCompactWriterIncludingEscapesAndUnicode() throws Exception {
    ObjectNode tree =
        Json.object()
            .put("plain", "a/b")
            .put("quotes", "say \"hi\" \\ back")
            .put("controls", "\b\f\n\r\t\u0001\u001f\u007f")
            .put("latin", "café")
            .put("cjk", "路由")
            .put("emoji", "🚀 ok")
            .put("int", 42)
            .put("negative", -7)
            .put("long", 1L << 40)
            .put("yes", true)
            .put("no", false);
    tree.set("empty_object", Json.object());
    tree.set("empty_array", Json.array());
    tree.set("nested", Json.arrayOf(Json.single("a", Json.arrayOf(Json.object().put("b", 1)))));
    tree.putNull("nothing");
    var deep = Json.object();
    var cursor = deep;
    for (int i = 0; i < 70; i++) {
      var next = Json.object();
      cursor.set("d" + i, next);
      cursor = next;
    }
    tree.set("deep", deep);
    var writer = new CompactJson();
    writer.write(tree);
    assertEquals(JacksonReference.compact(tree), writer.text());
  }

  @Test
  void anAnyWrittenFromATreeOrCopiedFromAnotherBufferIsWhatJacksonWritesForTheSameTree()
      throws Exception {
    var resource = Json.object().put("name", "café 路由").put("port", 8080);
    resource.set("tags", Json.strings(java.util.List.of("a", "b")));
    var expected = Json.any(EnvoyTypes.CLUSTER);
    expected.setAll(resource);
    var empty = Json.any(EnvoyTypes.CLUSTER);

    var source = new CompactJson().literal("[").append(resource).literal(",");
    int from = 1;
    int to = source.length() - 1;
    source.append(Json.object()).literal("]");

    String url = EnvoyTypes.url(EnvoyTypes.CLUSTER);
    assertEquals(
        JacksonReference.compact(expected),
        new CompactJson().any(url, resource).literal("\n").text());
    // Copied bytes keep their UTF-8: the copy must not be read back as Latin-1.
    assertEquals(
        JacksonReference.compact(expected),
        new CompactJson().any(url, source, from, to).literal("\n").text());
    assertEquals(
        JacksonReference.compact(empty),
        new CompactJson().any(url, source, to + 1, to + 3).literal("\n").text());
  }

  @Test
  void resetStartsOver() {
    var writer = new CompactJson();
    writer.write(Json.object().put("a", "x".repeat(200_000)));
    writer.reset();
    assertEquals("{}\n", writer.write(Json.object()).text());
  }
}
