package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PrettyJsonTest {

  @Test
  void printsLikeJacksonIncludingEscapesAndUnicode() throws Exception {
    ObjectNode tree = Json.object()
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
    var writer = new PrettyJson();
    writer.write(tree);
    assertEquals(JacksonReference.print(tree), writer.text());
  }

  @Test
  void resetStartsOver() {
    var writer = new PrettyJson();
    writer.write(Json.object().put("a", "x".repeat(200_000)));
    writer.reset();
    assertEquals("{}\n", writer.write(Json.object()).text());
  }
}
