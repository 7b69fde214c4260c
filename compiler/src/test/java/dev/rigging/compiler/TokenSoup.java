package dev.rigging.compiler;

import dev.rigging.dsl.gen.MeshLexer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.antlr.v4.runtime.Vocabulary;

/**
 * Random inputs built from the language's own pieces: keywords (read from the lexer, so new ones
 * are fuzzed too), punctuation, literals of every kind valid and not, block openers that get the
 * parser deep into declarations, comments, and raw bytes and unicode.
 */
final class TokenSoup {
  static final List<String> KEYWORDS = keywords();

  static final List<String> PIECES =
      List.of(
          "{",
          "}",
          ",",
          ":",
          ".",
          "{",
          "}",
          "\n",
          " ",
          "\t",
          "\r\n",
          "0",
          "1",
          "8080",
          "65536",
          "99999999999999999999",
          "-1",
          "1.5",
          "0.00001",
          "10%",
          "100%",
          "110%",
          "33.33333%",
          "0%",
          "5s",
          "500ms",
          "5sec",
          "0s",
          "1h",
          "5xx",
          "1k",
          "\"\"",
          "\"/\"",
          "\"/api/*\"",
          "\"x-user\"",
          "\"(?=a)\"",
          "\"[\"",
          "\"\\\\1\"",
          "\"a\\\"b\"",
          "\"unterminated",
          "127.0.0.1:9101",
          "256.1.1.1:80",
          "[::1]:80",
          "[zz]:1",
          "1.2.3.4:0",
          "GET",
          "get",
          "POST",
          "http",
          "grpc",
          "tcp",
          "round_robin",
          "connect-failure",
          "v1",
          "v2",
          "a",
          "b",
          "reviews",
          "reviews.v1",
          "a.b.c",
          "_",
          "x-y",
          "// comment\n",
          "# comment\n",
          "/* block */",
          "/* open",
          "*/",
          "service a {",
          "service b { port 8081 http endpoint 127.0.0.1:1 version v1 { endpoint 127.0.0.1:2 }",
          "route a {",
          "route b {",
          "match path prefix \"/\" {",
          "default {",
          "authz a {",
          "gateway g {",
          "policy {",
          "outlier {",
          "labels {",
          "version v1 {",
          "import \"other.mesh\"",
          "mesh fuzz\n");

  private final Random random;

  TokenSoup(long seed) {
    this.random = new Random(seed);
  }

  /** Returns one random input. */
  String next() {
    int shape = random.nextInt(20);
    if (shape == 0) {
      return rawBytes();
    } else if (shape == 1) {
      return deepNesting();
    }
    StringBuilder out = new StringBuilder();
    if (random.nextInt(10) < 8) {
      out.append("mesh fuzz\n"); // past the header, or every input is the same syntax error
    }
    int count = random.nextInt(120);
    for (int i = 0; i < count; i++) {
      out.append(token()).append(random.nextInt(4) == 0 ? "" : " ");
    }
    return out.toString();
  }

  private String token() {
    int kind = random.nextInt(20);
    if (kind < 8) {
      return KEYWORDS.get(random.nextInt(KEYWORDS.size()));
    } else if (kind < 18) {
      return PIECES.get(random.nextInt(PIECES.size()));
    } else if (kind == 18) {
      return new String(Character.toChars(randomCodePoint()));
    }
    return String.valueOf((char) random.nextInt(0x10000)); // lone surrogates included
  }

  private int randomCodePoint() {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt(0x20); // control characters, NUL
      case 1 -> 0x80 + random.nextInt(0x780); // Latin, Greek, Cyrillic, Hebrew (RTL)
      case 2 -> 0x1F300 + random.nextInt(0x300); // emoji, outside the BMP
      default -> List.of(0xFEFF, 0x200B, 0x202E, 0x2028, 0xFFFD, 0x00A0).get(random.nextInt(6));
    };
  }

  /** Random bytes decoded as UTF-8, malformed sequences and all. */
  private String rawBytes() {
    byte[] bytes = new byte[random.nextInt(400)];
    random.nextBytes(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Policy blocks nested far deeper than any real policy: the parser must not overflow. */
  private String deepNesting() {
    int depth = 10 + random.nextInt(5000);
    String open = random.nextBoolean() ? "a { " : "{ ";
    return "mesh fuzz\nservice s { port 1 http policy { "
        + open.repeat(depth)
        + "}".repeat(random.nextInt(depth + 1))
        + " } }";
  }

  private static List<String> keywords() {
    Vocabulary v = MeshLexer.VOCABULARY;
    List<String> out = new ArrayList<>();
    for (int type = 1; type <= v.getMaxTokenType(); type++) {
      String literal = v.getLiteralName(type);
      if (literal != null) {
        out.add(literal.substring(1, literal.length() - 1));
      }
    }
    return List.copyOf(out);
  }
}
