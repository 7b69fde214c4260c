package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;

/**
 * How one value of a field (a singular value, a list element, a map key or value) is read off the
 * wire and presented to its {@link ValueRule}: scalars as boxed Java values (enums as numbers), a
 * wrapper message as its wrapped scalar, a duration or timestamp as the protobuf-java type, an
 * {@code Any} as its type URL, other messages not at all (they are walked instead).
 *
 * @param wire encoding of the field
 * @param presentation what rules receive
 * @param messageType the message type of a message-typed field, else {@code null}
 * @param wrapped encoding of a wrapper's {@code value}, else {@code null}
 */
record ValueShape(
    WireType wire, Presentation presentation, Descriptor messageType, WireType wrapped) {

  enum Presentation {
    SCALAR,
    WRAPPED,
    DURATION,
    TIMESTAMP,
    ANY,
    MESSAGE
  }

  static ValueShape of(FieldDescriptor field) {
    WireType wire = WireType.of(field);
    if (wire != WireType.MESSAGE) {
      return new ValueShape(wire, Presentation.SCALAR, null, null);
    }
    Descriptor type = field.getMessageType();
    return switch (type.getFullName()) {
      case "google.protobuf.Duration" -> new ValueShape(wire, Presentation.DURATION, type, null);
      case "google.protobuf.Timestamp" -> new ValueShape(wire, Presentation.TIMESTAMP, type, null);
      case "google.protobuf.Any" -> new ValueShape(wire, Presentation.ANY, type, null);
      case "google.protobuf.DoubleValue",
          "google.protobuf.FloatValue",
          "google.protobuf.Int64Value",
          "google.protobuf.UInt64Value",
          "google.protobuf.Int32Value",
          "google.protobuf.UInt32Value",
          "google.protobuf.BoolValue",
          "google.protobuf.StringValue",
          "google.protobuf.BytesValue" ->
          new ValueShape(wire, Presentation.WRAPPED, type, WireType.of(type.findFieldByNumber(1)));
      default -> new ValueShape(wire, Presentation.MESSAGE, type, null);
    };
  }

  /**
   * Reads the value at the reader's position, which sits on the value (for messages: on the length
   * prefix), and leaves the reader after it.
   */
  Object read(WireReader in) {
    if (wire != WireType.MESSAGE) {
      return wire.read(in);
    }
    int end = in.readLengthDelimited();
    Object value = presentMessage(in, end);
    in.seek(end);
    return value;
  }

  private Object presentMessage(WireReader in, int end) {
    return switch (presentation) {
      case WRAPPED -> {
        Object value = wrapped.defaultValue();
        while (in.position() < end) {
          int tag = (int) in.readVarint();
          if (tag >>> 3 == 1) {
            value = wrapped.read(in);
          } else {
            in.skip(tag & 7);
          }
        }
        yield value;
      }
      case DURATION -> {
        long[] parts = secondsAndNanos(in, end);
        yield Duration.newBuilder().setSeconds(parts[0]).setNanos((int) parts[1]).build();
      }
      case TIMESTAMP -> {
        long[] parts = secondsAndNanos(in, end);
        yield Timestamp.newBuilder().setSeconds(parts[0]).setNanos((int) parts[1]).build();
      }
      case ANY -> {
        String typeUrl = "";
        while (in.position() < end) {
          int tag = (int) in.readVarint();
          if (tag >>> 3 == 1) {
            typeUrl = in.readString();
          } else {
            in.skip(tag & 7);
          }
        }
        yield typeUrl;
      }
      case MESSAGE, SCALAR -> null;
    };
  }

  /** Fields 1 and 2 of a {@code Duration} or {@code Timestamp}, read up to {@code end}. */
  static long[] secondsAndNanos(WireReader in, int end) {
    long[] parts = new long[2];
    while (in.position() < end) {
      int tag = (int) in.readVarint();
      int number = tag >>> 3;
      if (number == 1 || number == 2) {
        parts[number - 1] = number == 1 ? in.readVarint() : (int) in.readVarint();
      } else {
        in.skip(tag & 7);
      }
    }
    return parts;
  }
}
