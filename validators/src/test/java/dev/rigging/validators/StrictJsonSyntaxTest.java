package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 8259 check run before protobuf's lenient reader. */
class StrictJsonSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        " {\"a\": [1, -0.5, 2e10, 1E-3, true, false, null, \"\\u00e9\\n\\\"\"]}\n",
        "{\"a\": {\"b\": {}}, \"b\": {\"b\": 1}}",
        "\"text\"",
        "0",
        "[[], [{}]]"
      })
  void wellFormedJson_passes(String json) {
    assertNull(StrictJsonSyntax.check(json));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "[1,]",
        "{\"a\" 1}",
        "{\"a\": +1}",
        "{\"a\": .5}",
        "{\"a\": 1.}",
        "{\"a\": -}",
        "{\"a\": tru}",
        "{\"a\": \"\\x\"}",
        "{\"a\": \"\\u12\"}",
        "{\"a\": \"open}",
        "NaN",
        "{\"a\": 1} {}"
      })
  void malformedJson_fails(String json) {
    assertNotNull(StrictJsonSyntax.check(json));
  }

  @Test
  void failure_carriesThePathOfTheEnclosingValue() {
    Violation v = StrictJsonSyntax.check("{\"a\": [{\"b\": 1}, {\"c\": [true, fals]}]}");
    assertEquals("a[1].c[1]", v.path());
    assertEquals("invalid JSON: unexpected character 'f' at offset 30", v.message());
  }

  @Test
  void duplicateKeys_areFoundPerObjectOnly() {
    assertNull(StrictJsonSyntax.check("{\"a\": {\"x\": 1}, \"b\": {\"x\": 1}}"));
    assertEquals("b", StrictJsonSyntax.check("{\"a\": 1, \"b\": {\"x\": 1}, \"b\": 2}").path());
  }

  @Test
  void deepNesting_isRefusedInsteadOfOverflowingTheStack() {
    String json = "[".repeat(100_000) + "]".repeat(100_000);
    assertNotNull(StrictJsonSyntax.check(json));
  }
}
