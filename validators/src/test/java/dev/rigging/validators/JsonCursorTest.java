package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rigging.validators.JsonCursor.Token;
import dev.rigging.validators.ParseAgreement.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cursor must report what Jackson's parser reports for the same text, wherever it reads a text
 * at all: the fast reader took Jackson's tokens before, and {@code WireJsonReaderTest} holds its
 * bytes to {@code JsonFormat}'s. Compared as token streams: each token with its key, string value,
 * number text and whether the integer fits a {@code long}.
 */
class JsonCursorTest {

  private static final JsonFactory JACKSON = new JsonFactory();

  @Test
  void everyEmittedDocument_givesJacksonsTokens() {
    for (Document doc : ParseAgreement.emittedDocuments()) {
      List<String> cursor = cursorTokens(doc.json());
      assertEquals(jacksonTokens(doc.json()), cursor, doc.path());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        " {\"a\" : [1, -0, -0.5, 2e10, 1E-3, 0.0e+0, true, false, null]}\n",
        "{\"\\u00e9\\n\\\"\\\\\\/\\b\\f\\r\\t\": \"\\ud83d\\ude00 \\u0041\", \"\": \"\"}",
        "{\"big\": [9223372036854775807, -9223372036854775808, 9223372036854775808, "
            + "-9223372036854775809, 123456789012345678901234567890, 999999999999999999]}",
        "{\"é\": \"ü\u20ac\", \"raw\": \"\ud83d\ude00\"}",
        "[[], [{}], [[[[1]]]], {\"a\": {\"b\": {\"c\": []}}}]",
        "\t\r\n{\"a\"\t:\r\n1\n}\t"
      })
  void wellFormedJson_givesJacksonsTokens(String json) {
    assertEquals(jacksonTokens(json), cursorTokens(json));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"a\":1",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{,}",
        "{\"a\": +1}",
        "{\"a\": .5}",
        "{\"a\": 1.}",
        "{\"a\": 01}",
        "{\"a\": -}",
        "{\"a\": 1e}",
        "{\"a\": 1x}",
        "{\"a\": tru}",
        "{\"a\": truex}",
        "{\"a\": \"\\x\"}",
        "{\"a\": \"\\u12\"}",
        "{\"a\": \"\\u12g4\"}",
        "{\"a\": \"open}",
        "{\"a\": \"tab\there\"}",
        "{'a': 1}",
        "{a: 1}",
        "NaN",
        "{\"a\": 1} x",
        "{\"a\": [}",
        "{\"a\": 1]",
        "/* c */ {}"
      })
  void malformedJson_isNotRead(String json) {
    assertThrows(JsonCursor.Unsure.class, () -> cursorTokens(json));
    assertThrows(IOException.class, () -> jacksonTokensOrThrow(json), "Jackson rejects it too");
  }

  /**
   * Jackson reads an empty text as no tokens and goes on after a root value; the reader wanted one
   * root object and nothing after it, so giving up on these changes nothing.
   */
  @Test
  void noOrSeveralRootValues_areNotRead() {
    for (String json : List.of("", " ", "[1] [2]", "{} {}")) {
      assertThrows(JsonCursor.Unsure.class, () -> cursorTokens(json), json);
    }
  }

  /**
   * Emitted documents with random characters inserted, deleted or replaced: wherever the cursor
   * reads one to the end, Jackson reads the same tokens; and it gives up on no text Jackson reads
   * that is RFC 8259 JSON (the syntax check, which comes first, is the judge of that).
   */
  @Test
  void mutatedDocuments_readAlikeOrNotAtAll() {
    List<Document> docs = ParseAgreement.emittedDocuments();
    Random random = new Random(20261121);
    String alphabet = "{}[]:,\"\\ 0123456789.eE+-tfnrulasx\u00e9\u0001";
    int read = 0;
    int notRead = 0;
    for (int i = 0; i < 3000; i++) {
      String json = docs.get(random.nextInt(docs.size())).json();
      StringBuilder mutated = new StringBuilder(json);
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        int at = random.nextInt(mutated.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> mutated.insert(at, c);
          case 1 -> mutated.deleteCharAt(at);
          default -> mutated.setCharAt(at, c);
        }
      }
      String text = mutated.toString();
      List<String> cursor;
      try {
        cursor = cursorTokens(text);
      } catch (JsonCursor.Unsure e) {
        notRead++;
        assertTrue(
            StrictJsonSyntax.check(text) != null || jacksonRejects(text),
            () -> "the cursor gave up on valid JSON: " + text);
        continue;
      }
      read++;
      assertEquals(jacksonTokens(text), cursor, text);
    }
    assertTrue(read > 100 && notRead > 100, "read " + read + ", not read " + notRead);
  }

  @Test
  void skipObject_leavesTheCursorAfterTheObject() {
    String json = "{\"a\":{\"b\":[1,{\"c\":2}]},\"d\":[{\"e\":{}},3]}";
    JsonCursor cursor = new JsonCursor(json);
    assertEquals(Token.START_OBJECT, cursor.next());
    assertEquals(Token.FIELD_NAME, cursor.next());
    assertEquals(Token.START_OBJECT, cursor.next());
    cursor.skipObject(json.indexOf("]}") + 1);
    assertEquals(Token.END_OBJECT, cursor.token());
    assertEquals(Token.FIELD_NAME, cursor.next());
    assertEquals("d", cursor.string());
    assertEquals(Token.START_ARRAY, cursor.next());
    assertEquals(Token.START_OBJECT, cursor.next());
    cursor.skipObject(json.indexOf("}}") + 1);
    assertEquals(Token.INT, cursor.next());
    assertEquals(3, cursor.longValue());
    assertEquals(Token.END_ARRAY, cursor.next());
    assertEquals(Token.END_OBJECT, cursor.next());
    assertEquals(null, cursor.next());
  }

  @Test
  void keyHash_isTheKeysHashCode() {
    JsonCursor cursor = new JsonCursor("{\"stat_prefix\":1,\"\":2,\"a\\u0062\":3}");
    cursor.next();
    assertEquals(Token.FIELD_NAME, cursor.next());
    assertEquals("stat_prefix".hashCode(), cursor.keyHash());
    cursor.next();
    cursor.next();
    assertEquals("".hashCode(), cursor.keyHash());
    cursor.next();
    cursor.next();
    assertTrue(cursor.keyEscaped());
    assertEquals("ab", cursor.string());
  }

  private static List<String> cursorTokens(String json) {
    JsonCursor cursor = new JsonCursor(json);
    List<String> tokens = new ArrayList<>();
    for (Token token = cursor.next(); token != null; token = cursor.next()) {
      tokens.add(
          switch (token) {
            case FIELD_NAME -> "name:" + cursor.string();
            case STRING -> "string:" + cursor.string();
            case INT ->
                "int:" + cursor.numberText() + (cursor.fitsLong() ? "=" + cursor.longValue() : "");
            case FLOAT -> "float:" + cursor.numberText();
            default -> token.name();
          });
    }
    return tokens;
  }

  private static List<String> jacksonTokens(String json) {
    try {
      return jacksonTokensOrThrow(json);
    } catch (IOException e) {
      throw new AssertionError("Jackson rejects " + json, e);
    }
  }

  private static boolean jacksonRejects(String json) {
    try {
      jacksonTokensOrThrow(json);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static List<String> jacksonTokensOrThrow(String json) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (JsonParser parser = JACKSON.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        tokens.add(
            switch (token) {
              case FIELD_NAME -> "name:" + parser.currentName();
              case VALUE_STRING -> "string:" + parser.getText();
              case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                boolean fits =
                    type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
                yield "int:" + parser.getText() + (fits ? "=" + parser.getLongValue() : "");
              }
              case VALUE_NUMBER_FLOAT -> "float:" + parser.getText();
              case START_OBJECT -> "START_OBJECT";
              case END_OBJECT -> "END_OBJECT";
              case START_ARRAY -> "START_ARRAY";
              case END_ARRAY -> "END_ARRAY";
              case VALUE_TRUE -> "TRUE";
              case VALUE_FALSE -> "FALSE";
              case VALUE_NULL -> "NULL";
              default -> throw new IOException("unexpected token " + token);
            });
      }
    }
    return tokens;
  }
}
