package dev.rigging.validators;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;

/**
 * Cursor over a range of protobuf wire-format bytes. Minimal on purpose: the bytes come from
 * protobuf's own serializer, so only the encodings it writes need reading.
 */
final class WireReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int limit;

  WireReader(byte[] buf, int start, int end) {
    this.buf = buf;
    this.pos = start;
    this.limit = end;
  }

  byte[] buffer() {
    return buf;
  }

  int position() {
    return pos;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new IllegalStateException("malformed varint");
  }

  int readFixed32() {
    int value =
        (buf[pos] & 0xff)
            | (buf[pos + 1] & 0xff) << 8
            | (buf[pos + 2] & 0xff) << 16
            | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return value;
  }

  long readFixed64() {
    long low = readFixed32() & 0xffffffffL;
    long high = readFixed32() & 0xffffffffL;
    return low | high << 32;
  }

  /**
   * Reads a length prefix and returns the end of the delimited range, leaving the cursor at its
   * start.
   */
  int readLengthDelimited() {
    int length = (int) readVarint();
    int end = pos + length;
    if (length < 0 || end > limit) {
      throw new IllegalStateException("length-delimited field overruns its message");
    }
    return end;
  }

  String readString() {
    int end = readLengthDelimited();
    String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
    pos = end;
    return s;
  }

  ByteString readBytes() {
    int end = readLengthDelimited();
    ByteString bytes = ByteString.copyFrom(buf, pos, end - pos);
    pos = end;
    return bytes;
  }

  void seek(int position) {
    pos = position;
  }

  /** Skips a value of the given wire type. */
  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> pos += 8;
      case LENGTH_DELIMITED -> pos = readLengthDelimited();
      case FIXED32 -> pos += 4;
      default -> throw new IllegalStateException("unexpected wire type " + wireType);
    }
  }
}
