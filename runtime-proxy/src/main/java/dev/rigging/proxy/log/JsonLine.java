package dev.rigging.proxy.log;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Access-log lines written as compact JSON straight into a reusable byte buffer: an object of names
 * and string, number or null values, nothing deeper. A proxy writes one line per request, so this
 * is on the hot path, where a general JSON generator spent much of the log thread's time on its own
 * bookkeeping (state checks per value, buffers per line).
 *
 * <p>Text is escaped exactly as Jackson's default generator escapes it (the format's golden lines
 * were written by it, and a test compares the two): {@code "} and {@code \\}, the control
 * characters as {@code \b \t \n \f \r} or a six-character {@code \\u} escape, and each half of a
 * surrogate pair (a character beyond U+FFFF) as such an escape too; everything else as UTF-8.
 *
 * <p>Not thread-safe: one per writing thread.
 */
final class JsonLine {
  private static final byte[] HEX =
      "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Per ASCII character: 0 written as it is, else the letter of its short escape, or 'u'. */
  private static final byte[] ESCAPES = new byte[0x80];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  private byte[] buffer = new byte[4096];
  private int length;

  /** Whether the next name follows another member, so needs a comma. */
  private boolean member;

  /** {@code name} as it goes before a value: quoted, escaped and followed by a colon. */
  static byte[] name(String name) {
    JsonLine line = new JsonLine();
    line.string(name);
    line.put((byte) ':');
    return Arrays.copyOf(line.buffer, line.length);
  }

  /** What is buffered, as text. */
  String text() {
    return new String(buffer, 0, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  int length() {
    return length;
  }

  /** Forgets everything written. */
  void clear() {
    length = 0;
    member = false;
  }

  /** Writes what is buffered to {@code out} and forgets it. */
  void writeTo(OutputStream out) throws IOException {
    out.write(buffer, 0, length);
    clear();
  }

  void beginObject() {
    put((byte) '{');
    member = false;
  }

  void endObject() {
    put((byte) '}');
  }

  void newline() {
    put((byte) '\n');
  }

  /** Starts a member: {@code name} comes from {@link #name(String)}. */
  void name(byte[] name) {
    ensure(name.length + 1);
    if (member) {
      buffer[length++] = ',';
    }
    System.arraycopy(name, 0, buffer, length, name.length);
    length += name.length;
    member = true;
  }

  void nullValue() {
    ensure(4);
    buffer[length++] = 'n';
    buffer[length++] = 'u';
    buffer[length++] = 'l';
    buffer[length++] = 'l';
  }

  void number(long value) {
    if (value == Long.MIN_VALUE) {
      ascii(Long.toString(value));
      return;
    }
    ensure(20);
    if (value < 0) {
      buffer[length++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int at = length + digits;
    length = at;
    do {
      buffer[--at] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
  }

  /** A JSON string. */
  void string(CharSequence text) {
    int n = text.length();
    ensure(2 + 6 * n); // at worst every char a \\u00XX escape
    byte[] out = buffer;
    int at = length;
    out[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        byte escape = ESCAPES[c];
        if (escape == 0) {
          out[at++] = (byte) c;
        } else {
          if (escape == 'u') {
            at = unicodeEscape(out, at, c);
          } else {
            out[at++] = '\\';
            out[at++] = escape;
          }
        }
      } else if (c < 0x800) {
        out[at++] = (byte) (0xC0 | (c >> 6));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        at = unicodeEscape(out, at, c);
      } else {
        out[at++] = (byte) (0xE0 | (c >> 12));
        out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    out[at++] = '"';
    length = at;
  }

  private static int unicodeEscape(byte[] out, int at, char c) {
    out[at++] = '\\';
    out[at++] = 'u';
    out[at++] = HEX[c >> 12];
    out[at++] = HEX[(c >> 8) & 0xF];
    out[at++] = HEX[(c >> 4) & 0xF];
    out[at++] = HEX[c & 0xF];
    return at;
  }

  private void ascii(String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      buffer[length++] = (byte) text.charAt(i);
    }
  }

  private void put(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private void ensure(int extra) {
    if (length + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
    }
  }
}
