package dev.rigging.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rigging.dsl.ast.MeshFile;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiteralsTest {
  @Test
  void keepsBackslashesThatAreNotEscapesAsWritten() {
    assertEquals("\"^/v\\d+/\"", Literals.quote("^/v\\d+/"));
    assertEquals("\"/b/\\1\"", Literals.quote("/b/\\1"));
  }

  @Test
  void escapesQuotesAndControlCharacters() {
    assertEquals("\"say \\\"hi\\\"\"", Literals.quote("say \"hi\""));
    assertEquals("\"a\\tb\\nc\\rd\"", Literals.quote("a\tb\nc\rd"));
  }

  @Test
  void doublesABackslashOnlyWhereItWouldStartAnEscape() {
    assertEquals("\"\\\\n\"", Literals.quote("\\n"), "backslash before n");
    assertEquals("\"\\\\\\\"\"", Literals.quote("\\\""), "backslash before a quote");
    assertEquals("\"x\\\\\"", Literals.quote("x\\"), "backslash at the end");
    assertEquals("\"\\\\\\t\"", Literals.quote("\\\t"), "backslash before a tab");
  }

  @Test
  void everyStringSurvivesPrintingAndParsing() {
    Random random = new Random(20260101);
    String alphabet = "ab \\\"ntr\n\t\r/d1{}#*é";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder value = new StringBuilder();
      for (int n = random.nextInt(8); n > 0; n--) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String quoted = Literals.quote(value.toString());
      MeshFile file = Formatting.parseClean("strings.mesh", "mesh m\nimport " + quoted + "\n");
      assertEquals(value.toString(), file.imports().getFirst().path().text(), quoted);
    }
  }
}
