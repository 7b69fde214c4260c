package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a Jackson tree as pretty JSON: two-space indentation, {@code \n}, {@code "key": value},
 * {@code {}} and {@code []} when empty, a final newline. The text is exactly what Jackson's
 * {@code DefaultPrettyPrinter} so configured produces (a test holds it to that), but written
 * straight into a reusable byte buffer: a benchmark-sized mesh is hundreds of megabytes of
 * deeply indented JSON, and Jackson's generator spends most of its time on indentation and
 * buffer copies.
 *
 * <p>One instance per thread and document in flight; {@link #reset()} before each document.
 */
final class PrettyJson {
  private static final int MAX_CACHED_DEPTH = 64;
  private static final byte[][] INDENTS = new byte[MAX_CACHED_DEPTH][];
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  static {
    for (int depth = 0; depth < MAX_CACHED_DEPTH; depth++) {
      byte[] indent = new byte[1 + 2 * depth];
      Arrays.fill(indent, (byte) ' ');
      indent[0] = '\n';
      INDENTS[depth] = indent;
    }
  }

  private static final int INITIAL = 1 << 16;
  private static final int RETAINED = 1 << 24;

  private char[] chars = new char[256];
  private byte[] buffer = new byte[INITIAL];
  private int length;
  private boolean allAscii = true;

  /** Empties the buffer; one grown by a huge document is dropped rather than kept forever. */
  void reset() {
    length = 0;
    allAscii = true;
    if (buffer.length > RETAINED) {
      buffer = new byte[INITIAL];
    }
  }

  byte[] buffer() {
    return buffer;
  }

  int length() {
    return length;
  }

  /** Appends {@code document} and a newline. */
  PrettyJson write(JsonNode document) {
    value(document, 0);
    ensure(1);
    buffer[length++] = '\n';
    return this;
  }

  String text() {
    // ASCII text (nearly all of it) needs no decoding: a plain copy into a Latin-1 String.
    return new String(buffer, 0, length,
        allAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  private void value(JsonNode node, int depth) {
    switch (node.getNodeType()) {
      case OBJECT -> object(node, depth);
      case ARRAY -> array(node, depth);
      case STRING -> string(node.textValue());
      case NUMBER -> raw(node.asText());
      case BOOLEAN -> raw(node.booleanValue() ? "true" : "false");
      case NULL -> raw("null");
      default -> throw new IllegalArgumentException("not JSON: " + node.getNodeType());
    }
  }

  private void object(JsonNode node, int depth) {
    if (node.isEmpty()) {
      raw("{}");
      return;
    }
    put('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!first) {
        put(',');
      }
      first = false;
      indent(depth + 1);
      string(field.getKey());
      put(':');
      put(' ');
      value(field.getValue(), depth + 1);
    }
    indent(depth);
    put('}');
  }

  private void array(JsonNode node, int depth) {
    if (node.isEmpty()) {
      raw("[]");
      return;
    }
    put('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        put(',');
      }
      indent(depth + 1);
      value(node.get(i), depth + 1);
    }
    indent(depth);
    put(']');
  }

  private void indent(int depth) {
    if (depth < MAX_CACHED_DEPTH) {
      byte[] indent = INDENTS[depth];
      ensure(indent.length);
      System.arraycopy(indent, 0, buffer, length, indent.length);
      length += indent.length;
    } else {
      put('\n');
      for (int i = 0; i < depth; i++) {
        put(' ');
        put(' ');
      }
    }
  }

  /**
   * A JSON string: {@code "}, {@code \\} and control characters escaped as Jackson escapes them
   * by default, everything else as UTF-8 (a lone surrogate, which has no UTF-8 form, becomes
   * U+FFFD). The chars are first copied into a scratch array, which the JIT loops over much
   * faster than over {@code String.charAt}.
   */
  private void string(String text) {
    int n = text.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    char[] in = chars;
    text.getChars(0, n, in, 0);
    ensure(2 + 6 * n); // at worst every char a \\u00XX escape
    byte[] out = buffer;
    int at = length;
    out[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = in[i];
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        out[at++] = (byte) c;
      } else if (c < 0x80) {
        at = escape(out, at, c);
      } else if (c < 0x800) {
        allAscii = false;
        out[at++] = (byte) (0xC0 | (c >> 6));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(in[i + 1])) {
        allAscii = false;
        int cp = Character.toCodePoint(c, in[++i]);
        out[at++] = (byte) (0xF0 | (cp >> 18));
        out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        allAscii = false;
        char d = Character.isSurrogate(c) ? '\uFFFD' : c;
        out[at++] = (byte) (0xE0 | (d >> 12));
        out[at++] = (byte) (0x80 | ((d >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (d & 0x3F));
      }
    }
    out[at++] = '"';
    length = at;
  }

  private static int escape(byte[] out, int at, char c) {
    out[at++] = '\\';
    switch (c) {
      case '"' -> out[at++] = '"';
      case '\\' -> out[at++] = '\\';
      case '\b' -> out[at++] = 'b';
      case '\f' -> out[at++] = 'f';
      case '\n' -> out[at++] = 'n';
      case '\r' -> out[at++] = 'r';
      case '\t' -> out[at++] = 't';
      default -> {
        out[at++] = 'u';
        out[at++] = '0';
        out[at++] = '0';
        out[at++] = HEX[c >> 4];
        out[at++] = HEX[c & 0xF];
      }
    }
    return at;
  }

  private void raw(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buffer[length++] = (byte) text.charAt(i);
    }
  }

  private void put(char c) {
    ensure(1);
    buffer[length++] = (byte) c;
  }

  private void ensure(int extra) {
    if (length + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
    }
  }
}
