package dev.rigging.proxy.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLineTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  /** What Jackson's default generator writes for {@code {"k":text,"n":number,"z":null}}. */
  private static String jackson(String text, long number) throws IOException {
    var out = new ByteArrayOutputStream();
    try (JsonGenerator json = JACKSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("k", text);
      json.writeNumberField("n", number);
      json.writeNullField("z");
      json.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String ours(String text, long number) throws IOException {
    var line = new JsonLine();
    line.beginObject();
    line.name(JsonLine.name("k"));
    line.string(text);
    line.name(JsonLine.name("n"));
    line.number(number);
    line.name(JsonLine.name("z"));
    line.nullValue();
    line.endObject();
    var out = new ByteArrayOutputStream();
    line.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyAsciiAndLatin1Character_andNumbers_asJacksonWritesThem() throws IOException {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x180; c++) {
      all.append(c);
    }
    for (String text :
        List.of("", all.toString(), "curl/8.5.0 \"quoted\"", "a\\b/c", "\u20AC\uD83D\uDE00")) {
      for (long number : List.of(0L, 7L, -1L, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE)) {
        assertEquals(jackson(text, number), ours(text, number), "for " + text + " and " + number);
      }
    }
  }

  @Test
  void randomText_asJacksonWritesIt() throws IOException {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        switch (random.nextInt(5)) {
          case 0 -> text.append((char) random.nextInt(0x80));
          case 1 -> text.append((char) random.nextInt(0x800));
          case 2 -> text.append((char) (0xE000 + random.nextInt(0x2000)));
          case 3 -> text.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogates too
          default -> text.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
        }
      }
      long number = random.nextLong();
      assertEquals(jackson(text.toString(), number), ours(text.toString(), number));
    }
  }

  @Test
  void surrogates_pairedOrNot_areEscapedOneByOne() throws IOException {
    assertEquals(
        "{\"k\":\"a\\uD800b\\uDC00\\uD83D\\uDE00\",\"n\":1,\"z\":null}",
        ours("a\uD800b\uDC00\uD83D\uDE00", 1));
    assertEquals(jackson("\uD83D\uDE00", 1), ours("\uD83D\uDE00", 1));
  }
}
