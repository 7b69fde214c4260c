package dev.rigging.validators;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.rigging.validators.JsonCursor.Token;
import dev.rigging.validators.JsonFieldTable.Scalar;
import java.math.BigDecimal;

/**
 * Scalar values for {@link WireJsonReader}: the current JSON token converted as {@code JsonFormat}
 * converts it (its conversion functions, applied to the same text) and encoded as protobuf encodes
 * it. Accepts only the plain forms (numbers for numbers, {@code true}/{@code false}, strings for
 * strings and enum names, and integers written as strings as {@code JsonFormat} prints 64-bit
 * ones); for anything else the answer is "unsure" ({@code false}) and {@code JsonFormat} decides.
 */
final class JsonScalars {

  private static final double EPSILON = 1e-6;
  private static final BigDecimal MORE_THAN_ONE = new BigDecimal(String.valueOf(1.0 + EPSILON));
  private static final BigDecimal MAX_DOUBLE =
      new BigDecimal(String.valueOf(Double.MAX_VALUE)).multiply(MORE_THAN_ONE);
  private static final BigDecimal MIN_DOUBLE =
      new BigDecimal(String.valueOf(-Double.MAX_VALUE)).multiply(MORE_THAN_ONE);

  private JsonScalars() {}

  /**
   * Writes the current token as a value of {@code field}, tag included; nothing when {@code
   * elideDefault} and the value is the default ({@code DynamicMessage} clears a field without
   * presence set to its default). False when unsure.
   */
  static boolean write(Scalar field, JsonCursor cursor, WireWriter out, boolean elideDefault) {
    Object value = convert(field, cursor);
    if (value == null) {
      return false;
    }
    if (elideDefault && value.equals(field.defaultValue())) {
      return true;
    }
    out.tag(field.number(), wireType(field.type()));
    encode(field.type(), value, out);
    return true;
  }

  /** Writes the current token as one element of a packed {@code field}, without a tag. */
  static boolean writeValue(Scalar field, JsonCursor cursor, WireWriter out) {
    Object value = convert(field, cursor);
    if (value == null) {
      return false;
    }
    encode(field.type(), value, out);
    return true;
  }

  /**
   * The value as {@code DynamicMessage} holds it (boxed, enum values as descriptors), or {@code
   * null} when unsure.
   */
  private static Object convert(Scalar field, JsonCursor cursor) {
    Token token = cursor.token();
    return switch (field.type()) {
      case INT32, SINT32, SFIXED32 -> int32(token, cursor);
      case INT64, SINT64, SFIXED64 -> int64(token, cursor);
      case UINT32, FIXED32 -> uint32(token, cursor);
      case UINT64, FIXED64 -> uint64(token, cursor);
      case BOOL -> token == Token.TRUE ? Boolean.TRUE : token == Token.FALSE ? Boolean.FALSE : null;
      case FLOAT -> isNumber(token) ? parseFloat(cursor.numberText()) : null;
      case DOUBLE -> isNumber(token) ? parseDouble(cursor.numberText()) : null;
      case STRING -> token == Token.STRING ? plain(cursor.string()) : null;
      case ENUM -> {
        if (token != Token.STRING) {
          yield null;
        }
        EnumValueDescriptor value = field.enumType().findValueByName(cursor.string());
        yield value; // an unknown name fails in JsonFormat (and a number is left to it)
      }
      case BYTES, MESSAGE, GROUP -> null;
    };
  }

  /**
   * {@code text}, or {@code null} if it holds a surrogate: an unpaired one would not survive the
   * trip through UTF-8, where the strings {@code JsonFormat} leaves in its message stay as they
   * are. Rare enough to leave all surrogates to it.
   */
  static String plain(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return null;
      }
    }
    return text;
  }

  private static boolean isNumber(Token token) {
    return token == Token.INT || token == Token.FLOAT;
  }

  private static Integer int32(Token token, JsonCursor cursor) {
    if (token == Token.INT) {
      if (!cursor.fitsLong()) {
        return null;
      }
      long value = cursor.longValue();
      return value == (int) value ? (int) value : null; // larger ones are left to JsonFormat
    }
    if (token == Token.STRING) {
      try {
        return Integer.parseInt(cursor.string()); // JsonFormat's first attempt
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Long int64(Token token, JsonCursor cursor) {
    if (token == Token.INT) {
      return cursor.fitsLong() ? cursor.longValue() : null;
    }
    if (token == Token.STRING) {
      try {
        return Long.parseLong(cursor.string()); // JsonFormat's first attempt
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** As {@code Integer}, the way {@code DynamicMessage} holds a {@code uint32}. */
  private static Integer uint32(Token token, JsonCursor cursor) {
    Long value = int64(token, cursor);
    return value == null || value < 0 || value > 0xFFFFFFFFL ? null : (int) (long) value;
  }

  private static Long uint64(Token token, JsonCursor cursor) {
    if (token == Token.STRING && !asciiDigits(cursor.string())) {
      return null; // JsonFormat reads these through BigDecimal; only plain digits agree surely
    }
    Long value = int64(token, cursor);
    return value == null || value < 0 ? null : value;
  }

  private static boolean asciiDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code JsonFormat}'s {@code parseFloat}, for a number token. */
  private static Float parseFloat(String text) {
    double value = Double.parseDouble(text);
    if (value > Float.MAX_VALUE * (1.0 + EPSILON) || value < -Float.MAX_VALUE * (1.0 + EPSILON)) {
      return null;
    }
    return (float) value;
  }

  /** {@code JsonFormat}'s {@code parseDouble}, for a number token. */
  private static Double parseDouble(String text) {
    BigDecimal value = new BigDecimal(text);
    if (value.compareTo(MAX_DOUBLE) > 0 || value.compareTo(MIN_DOUBLE) < 0) {
      return null;
    }
    return value.doubleValue();
  }

  private static int wireType(FieldDescriptor.Type type) {
    return switch (type) {
      case DOUBLE, FIXED64, SFIXED64 -> WireReader.FIXED64;
      case FLOAT, FIXED32, SFIXED32 -> WireReader.FIXED32;
      case STRING, BYTES, MESSAGE, GROUP -> WireReader.LENGTH_DELIMITED;
      default -> WireReader.VARINT;
    };
  }

  /** As {@code CodedOutputStream}'s {@code write*NoTag} for the type. */
  private static void encode(FieldDescriptor.Type type, Object value, WireWriter out) {
    switch (type) {
      case INT32 -> out.varint64((Integer) value);
      case SINT32 -> {
        int v = (Integer) value;
        out.varint32((v << 1) ^ (v >> 31));
      }
      case UINT32 -> out.varint32((Integer) value);
      case FIXED32, SFIXED32 -> out.fixed32((Integer) value);
      case INT64, UINT64 -> out.varint64((Long) value);
      case SINT64 -> {
        long v = (Long) value;
        out.varint64((v << 1) ^ (v >> 63));
      }
      case FIXED64, SFIXED64 -> out.fixed64((Long) value);
      case BOOL -> out.varint32((Boolean) value ? 1 : 0);
      case FLOAT -> out.fixed32(Float.floatToRawIntBits((Float) value));
      case DOUBLE -> out.fixed64(Double.doubleToRawLongBits((Double) value));
      case STRING -> out.string((String) value);
      case ENUM -> out.varint64(((EnumValueDescriptor) value).getNumber());
      case BYTES, MESSAGE, GROUP -> throw new IllegalArgumentException(type.name());
    }
  }
}
