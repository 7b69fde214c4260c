package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a Jackson tree as compact JSON: no indentation and no spaces between tokens, then one
 * final newline. The text is exactly what Jackson's default (non-pretty) writer produces (a test
 * holds it to that), but written straight into a reusable byte buffer.
 *
 * <p>Compact because emitted documents are read by Envoy and by tools, not by people: indented, a
 * benchmark-sized mesh was 2.6 times the bytes to write, hash and validate. People read one with
 * {@code jq . file}; the golden tests approve a re-indented rendering.
 *
 * <p>One instance per thread and document in flight; {@link #reset()} before each document.
 */
final class CompactJson {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

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
  CompactJson write(JsonNode document) {
    value(document);
    ensure(1);
    buffer[length++] = '\n';
    return this;
  }

  /** Appends {@code node}, without a newline. */
  CompactJson append(JsonNode node) {
    value(node);
    return this;
  }

  /** Appends {@code ascii} as is: punctuation and keys around values written separately. */
  CompactJson literal(String ascii) {
    raw(ascii);
    return this;
  }

  /** Appends bytes {@code [from, to)} of what {@code source} holds: a value written there. */
  CompactJson copy(CompactJson source, int from, int to) {
    ensure(to - from);
    System.arraycopy(source.buffer, from, buffer, length, to - from);
    length += to - from;
    allAscii &= source.allAscii;
    return this;
  }

  /**
   * Appends a {@code google.protobuf.Any} holding the object that {@code source} holds at {@code
   * [from, to)}: {@code "@type"} first, then the object's fields, exactly as the tree {@code
   * {"@type": url, ...fields}} would be written.
   */
  CompactJson any(String typeUrl, CompactJson source, int from, int to) {
    if (source.buffer[from] != '{' || source.buffer[to - 1] != '}') {
      throw new IllegalArgumentException("not an object at " + from);
    }
    put('{');
    string("@type");
    put(':');
    string(typeUrl);
    if (to - from > 2) { // not {}
      put(',');
      copy(source, from + 1, to);
    } else {
      put('}');
    }
    return this;
  }

  /**
   * Appends a {@code google.protobuf.Any} holding {@code object}; see {@link #any(String,
   * CompactJson, int, int)}.
   */
  CompactJson any(String typeUrl, JsonNode object) {
    if (object.has("@type")) {
      throw new IllegalArgumentException("the object already has an @type");
    }
    put('{');
    string("@type");
    put(':');
    string(typeUrl);
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      put(',');
      string(field.getKey());
      put(':');
      value(field.getValue());
    }
    put('}');
    return this;
  }

  String text() {
    // ASCII text (nearly all of it) needs no decoding: a plain copy into a Latin-1 String.
    return new String(
        buffer, 0, length, allAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  private void value(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> object(node);
      case ARRAY -> array(node);
      case STRING -> string(node.textValue());
      case NUMBER -> raw(node.asText());
      case BOOLEAN -> raw(node.booleanValue() ? "true" : "false");
      case NULL -> raw("null");
      default -> throw new IllegalArgumentException("not JSON: " + node.getNodeType());
    }
  }

  private void object(JsonNode node) {
    put('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!first) {
        put(',');
      }
      first = false;
      string(field.getKey());
      put(':');
      value(field.getValue());
    }
    put('}');
  }

  private void array(JsonNode node) {
    put('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        put(',');
      }
      value(node.get(i));
    }
    put(']');
  }

  /**
   * A JSON string: {@code "}, {@code \\} and control characters escaped as Jackson escapes them by
   * default, everything else as UTF-8 (a lone surrogate, which has no UTF-8 form, becomes U+FFFD).
   * The chars are first copied into a scratch array, which the JIT loops over much faster than over
   * {@code String.charAt}.
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
