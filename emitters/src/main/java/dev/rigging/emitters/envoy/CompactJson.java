package dev.rigging.emitters.envoy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes compact JSON straight into a reusable byte buffer: no indentation and no spaces between
 * tokens. The builders stream each document through it from the IR, in the order the fields go,
 * without building a tree first; the text is exactly what Jackson's default (non-pretty) writer
 * produces for the same tree (a test holds it to that).
 *
 * <p>Compact because emitted documents are read by Envoy and by tools, not by people: indented, a
 * benchmark-sized mesh was 2.6 times the bytes to write, hash and validate. People read one with
 * {@code jq . file}; the golden tests approve a re-indented rendering.
 *
 * <p>Separators are implied: a value or name written after another at the same level gets its
 * comma, so callers only open, name, write and close. Nothing checks that the calls nest properly;
 * the tests that parse every emitted document do.
 *
 * <p>One instance per thread and document in flight; {@link #reset()} before each document.
 */
final class CompactJson {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /**
   * The ASCII characters written as they are inside a string: not {@code "}, {@code \\}, controls.
   */
  private static final boolean[] PLAIN = new boolean[0x80];

  static {
    for (char c = 0x20; c < 0x80; c++) {
      PLAIN[c] = c != '"' && c != '\\';
    }
  }

  private static final int INITIAL = 1 << 16;
  private static final int RETAINED = 1 << 24;

  private char[] chars = new char[256];
  private byte[] buffer;
  private int length;
  private boolean allAscii = true;

  /** Whether the next value or name at the current level follows another, so needs a comma. */
  private boolean comma;

  CompactJson() {
    this(INITIAL);
  }

  /** A writer whose buffer starts at {@code capacity} bytes: small for a {@link Fragment}. */
  CompactJson(int capacity) {
    buffer = new byte[capacity];
  }

  /** Empties the buffer; one grown by a huge document is dropped rather than kept forever. */
  void reset() {
    length = 0;
    allAscii = true;
    comma = false;
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

  /** Opens an object as the next value. */
  CompactJson beginObject() {
    open('{');
    return this;
  }

  /**
   * Opens a {@code google.protobuf.Any} of {@code messageType} as the next value: an object whose
   * first member is {@code "@type"}; the content's fields follow.
   */
  CompactJson beginAny(String messageType) {
    return beginObject().field("@type", EnvoyTypes.url(messageType));
  }

  CompactJson endObject() {
    close('}');
    return this;
  }

  /** Opens an array as the next value. */
  CompactJson beginArray() {
    open('[');
    return this;
  }

  CompactJson endArray() {
    close(']');
    return this;
  }

  /** Writes the name of the next member of the open object. */
  CompactJson name(String name) {
    string(name, true);
    comma = false;
    return this;
  }

  /** Writes a string as the next value. */
  CompactJson value(String text) {
    string(text, false);
    comma = true;
    return this;
  }

  /** Writes a number as the next value. */
  CompactJson value(long number) {
    separate();
    raw(Long.toString(number));
    comma = true;
    return this;
  }

  /** Writes a boolean as the next value. */
  CompactJson value(boolean flag) {
    separate();
    raw(flag ? "true" : "false");
    comma = true;
    return this;
  }

  /** Writes a value written earlier, as the next value. */
  CompactJson value(Fragment fragment) {
    separate();
    ensure(fragment.bytes().length);
    System.arraycopy(fragment.bytes(), 0, buffer, length, fragment.bytes().length);
    length += fragment.bytes().length;
    allAscii &= fragment.ascii();
    comma = true;
    return this;
  }

  CompactJson field(String name, String text) {
    return name(name).value(text);
  }

  CompactJson field(String name, long number) {
    return name(name).value(number);
  }

  CompactJson field(String name, boolean flag) {
    return name(name).value(flag);
  }

  CompactJson field(String name, Fragment fragment) {
    return name(name).value(fragment);
  }

  /** Writes {@code {"name": text}} as the next value. */
  CompactJson single(String name, String text) {
    return beginObject().field(name, text).endObject();
  }

  /** Writes an array of strings as the next value. */
  CompactJson strings(Iterable<String> values) {
    beginArray();
    for (String value : values) {
      value(value);
    }
    return endArray();
  }

  /** Ends the document with its newline. */
  CompactJson newline() {
    put('\n');
    comma = false;
    return this;
  }

  /** Everything written so far, as a value to write again elsewhere. */
  Fragment toFragment() {
    return new Fragment(Arrays.copyOf(buffer, length), allAscii);
  }

  /**
   * Appends a {@code google.protobuf.Any} holding the object that {@code source} holds at {@code
   * [from, to)}, as the next value: {@code "@type"} first, then the object's fields, exactly as
   * writing the object with {@link #beginAny} would.
   */
  CompactJson any(String typeUrl, byte[] source, boolean sourceAscii, int from, int to) {
    if (source[from] != '{' || source[to - 1] != '}') {
      throw new IllegalArgumentException("not an object at " + from);
    }
    beginObject();
    field("@type", typeUrl);
    if (to - from > 2) { // not {}
      put(',');
      ensure(to - from - 1);
      System.arraycopy(source, from + 1, buffer, length, to - from - 1);
      length += to - from - 1;
      allAscii &= sourceAscii;
    } else {
      put('}');
    }
    comma = true;
    return this;
  }

  /** As {@link #any(String, byte[], boolean, int, int)}, from another writer's buffer. */
  CompactJson any(String typeUrl, CompactJson source, int from, int to) {
    return any(typeUrl, source.buffer, source.allAscii, from, to);
  }

  /** As {@link #any(String, byte[], boolean, int, int)}, for a whole fragment (an object). */
  CompactJson any(String typeUrl, Fragment object) {
    return any(typeUrl, object.bytes(), object.ascii(), 0, object.bytes().length);
  }

  String text() {
    // ASCII text (nearly all of it) needs no decoding: a plain copy into a Latin-1 String.
    return new String(
        buffer, 0, length, allAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  private void separate() {
    if (comma) {
      put(',');
    }
  }

  /** Writes the separator if one is due, then {@code bracket}, opening a level. */
  private void open(char bracket) {
    ensure(2);
    if (comma) {
      buffer[length++] = ',';
    }
    buffer[length++] = (byte) bracket;
    comma = false;
  }

  private void close(char bracket) {
    ensure(1);
    buffer[length++] = (byte) bracket;
    comma = true;
  }

  /**
   * A JSON string: {@code "}, {@code \\} and control characters escaped as Jackson escapes them by
   * default, everything else as UTF-8 (a lone surrogate, which has no UTF-8 form, becomes U+FFFD).
   * The chars are first copied into a scratch array, which the JIT loops over much faster than over
   * {@code String.charAt}.
   */
  private void string(String text, boolean asName) {
    int n = text.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    char[] in = chars;
    text.getChars(0, n, in, 0);
    ensure(4 + 6 * n); // at worst every char a \\u00XX escape
    byte[] out = buffer;
    int at = length;
    if (comma) {
      out[at++] = ',';
    }
    out[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = in[i];
      if (c < 0x80 && PLAIN[c]) {
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
    if (asName) {
      out[at++] = ':';
    }
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
      grow(extra);
    }
  }

  /** Out of line, so that {@link #ensure} stays small enough to inline everywhere. */
  private void grow(int extra) {
    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
  }
}
