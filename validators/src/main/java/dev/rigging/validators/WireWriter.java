package dev.rigging.validators;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Growable buffer of protobuf wire-format bytes, encoding values exactly as protobuf's {@code
 * CodedOutputStream} does (negative {@code int32} and enum values sign-extended to ten bytes,
 * strings as UTF-8 with an unpaired surrogate written as {@code ?}), so that {@link
 * WireJsonReader}'s output can be compared byte for byte with {@code DynamicMessage}'s.
 */
final class WireWriter {

  private byte[] buf;
  private int size;

  WireWriter(int capacity) {
    buf = new byte[Math.max(capacity, 16)];
  }

  int size() {
    return size;
  }

  /** The backing array; its first {@link #size()} bytes are the content. */
  byte[] buffer() {
    return buf;
  }

  void reset() {
    size = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /**
   * The bytes from {@code start} to the end reordered: the ranges {@code [rangeStarts[i],
   * rangeEnds[i])}, which cover them, in the order of the first {@code count} {@code order}s.
   */
  void reorder(int start, int[] rangeStarts, int[] rangeEnds, int[] order, int count) {
    byte[] copy = Arrays.copyOfRange(buf, start, size);
    int at = start;
    for (int k = 0; k < count; k++) {
      int i = order[k];
      int length = rangeEnds[i] - rangeStarts[i];
      System.arraycopy(copy, rangeStarts[i] - start, buf, at, length);
      at += length;
    }
  }

  void tag(int number, int wireType) {
    varint32((number << 3) | wireType);
  }

  /** An unsigned 32-bit varint, as {@code writeUInt32NoTag}. */
  void varint32(int value) {
    ensure(5);
    while ((value & ~0x7F) != 0) {
      buf[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[size++] = (byte) value;
  }

  /** A 64-bit varint, as {@code writeUInt64NoTag}; {@code int32} callers pass it sign-extended. */
  void varint64(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buf[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[size++] = (byte) value;
  }

  void fixed32(int value) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (value >>> (8 * i));
    }
  }

  void fixed64(long value) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (value >>> (8 * i));
    }
  }

  /** A length-delimited string, encoded as {@code String.getBytes(UTF_8)} encodes it. */
  void string(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    varint32(bytes.length);
    bytes(bytes, 0, bytes.length);
  }

  /** The content of {@code other}, preceded by its length. */
  void lengthDelimited(WireWriter other) {
    varint32(other.size);
    bytes(other.buf, 0, other.size);
  }

  void bytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
