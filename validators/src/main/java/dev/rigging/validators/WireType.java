package dev.rigging.validators;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * How a field's values are encoded on the protobuf wire and presented to {@link ValueRule}s.
 * Resolved once per field because {@link FieldDescriptor#getType()} is costly in protobuf 4.
 */
enum WireType {
  INT32,
  INT64,
  UINT32,
  UINT64,
  SINT32,
  SINT64,
  FIXED32,
  FIXED64,
  SFIXED32,
  SFIXED64,
  FLOAT,
  DOUBLE,
  BOOL,
  STRING,
  BYTES,
  ENUM,
  MESSAGE;

  static WireType of(FieldDescriptor field) {
    return switch (field.getType()) {
      case INT32 -> INT32;
      case INT64 -> INT64;
      case UINT32 -> UINT32;
      case UINT64 -> UINT64;
      case SINT32 -> SINT32;
      case SINT64 -> SINT64;
      case FIXED32 -> FIXED32;
      case FIXED64 -> FIXED64;
      case SFIXED32 -> SFIXED32;
      case SFIXED64 -> SFIXED64;
      case FLOAT -> FLOAT;
      case DOUBLE -> DOUBLE;
      case BOOL -> BOOL;
      case STRING -> STRING;
      case BYTES -> BYTES;
      case ENUM -> ENUM;
      case MESSAGE, GROUP -> MESSAGE;
    };
  }

  /** Whether values are length-delimited even when not packed. */
  boolean isLengthDelimited() {
    return this == STRING || this == BYTES || this == MESSAGE;
  }

  /**
   * The value of an absent proto3 field, as presented to rules: boxed numbers (enums as their
   * number, unsigned kinds as their bit pattern), {@code ""} or {@link ByteString#EMPTY}.
   */
  Object defaultValue() {
    return switch (this) {
      case INT32, UINT32, SINT32, FIXED32, SFIXED32, ENUM -> 0;
      case INT64, UINT64, SINT64, FIXED64, SFIXED64 -> 0L;
      case FLOAT -> 0f;
      case DOUBLE -> 0d;
      case BOOL -> false;
      case STRING -> "";
      case BYTES -> ByteString.EMPTY;
      case MESSAGE -> throw new IllegalStateException("messages have no scalar default");
    };
  }

  /** Moves the reader past one value, without decoding it. */
  void skip(WireReader in) {
    switch (this) {
      case FIXED32, SFIXED32, FLOAT -> in.skip(WireReader.FIXED32);
      case FIXED64, SFIXED64, DOUBLE -> in.skip(WireReader.FIXED64);
      case STRING, BYTES, MESSAGE -> in.skip(WireReader.LENGTH_DELIMITED);
      default -> in.skip(WireReader.VARINT);
    }
  }

  /** Reads one value at the reader's position, presented as {@link #defaultValue()} describes. */
  Object read(WireReader in) {
    return switch (this) {
      case INT32, UINT32, ENUM -> (int) in.readVarint();
      case INT64, UINT64 -> in.readVarint();
      case SINT32 -> {
        int n = (int) in.readVarint();
        yield (n >>> 1) ^ -(n & 1);
      }
      case SINT64 -> {
        long n = in.readVarint();
        yield (n >>> 1) ^ -(n & 1);
      }
      case FIXED32, SFIXED32 -> in.readFixed32();
      case FIXED64, SFIXED64 -> in.readFixed64();
      case FLOAT -> Float.intBitsToFloat(in.readFixed32());
      case DOUBLE -> Double.longBitsToDouble(in.readFixed64());
      case BOOL -> in.readVarint() != 0;
      case STRING -> in.readString();
      case BYTES -> in.readBytes();
      case MESSAGE -> throw new IllegalStateException("messages are walked, not read");
    };
  }
}
