package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@link WireJsonReader} needs to know about one message type: its fields by JSON key (the
 * proto name and the JSON name, looked up as {@code JsonFormat} looks them up) and how the type
 * itself is written in JSON.
 */
final class JsonFieldTable {

  /** How a message type is written in JSON, following {@code JsonFormat}'s special cases. */
  enum Form {
    /** An object of fields. */
    FIELDS,
    /** {@code {"@type": ..., fields of the content}}. */
    ANY,
    /** A string such as {@code "1.5s"}. */
    DURATION,
    /** The bare wrapped value ({@code google.protobuf.UInt32Value} and the like). */
    WRAPPER,
    /** Any JSON object. */
    STRUCT,
    /** Any JSON value. */
    VALUE,
    /** Any JSON array. */
    LIST_VALUE,
    /** A form the reader leaves to {@code JsonFormat} (timestamps, field masks, bytes wrappers). */
    UNSUPPORTED
  }

  /** How a field's value is written and read. */
  enum Shape {
    SCALAR,
    MESSAGE,
    REPEATED_SCALAR,
    PACKED,
    REPEATED_MESSAGE,
    MAP
  }

  /**
   * A scalar type, with what writing one needs: its number, wire type and default.
   *
   * @param number the field number
   * @param type its protobuf type (never a message)
   * @param defaultValue as {@code FieldDescriptor.getDefaultValue()} gives it
   * @param enumType for an enum, its type
   */
  record Scalar(
      int number, FieldDescriptor.Type type, Object defaultValue, EnumDescriptor enumType) {}

  /**
   * One field, with its descriptor's answers computed once (they are not all cheap).
   *
   * @param field its descriptor
   * @param index its position in {@code getFields()}, to detect a field set twice
   * @param oneof the index of its oneof, or -1
   * @param elidesDefault whether setting its default value leaves it unset, as {@code
   *     DynamicMessage} does for a singular field without presence
   * @param shape how its value is written
   * @param scalar for scalars and repeated scalars, the element type; else {@code null}
   * @param messageType for messages, repeated messages and maps, the (entry) type; else {@code
   *     null}
   */
  record Field(
      FieldDescriptor field,
      int index,
      int oneof,
      boolean elidesDefault,
      Shape shape,
      Scalar scalar,
      Descriptor messageType) {
    int number() {
      return field.getNumber();
    }

    static Field of(FieldDescriptor f, int index) {
      boolean message = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      Shape shape;
      if (f.isMapField()) {
        shape = Shape.MAP;
      } else if (f.isRepeated()) {
        shape =
            message ? Shape.REPEATED_MESSAGE : f.isPacked() ? Shape.PACKED : Shape.REPEATED_SCALAR;
      } else {
        shape = message ? Shape.MESSAGE : Shape.SCALAR;
      }
      Scalar scalar =
          message
              ? null
              : new Scalar(
                  f.getNumber(),
                  f.getType(),
                  f.isRepeated() ? null : f.getDefaultValue(),
                  f.getJavaType() == FieldDescriptor.JavaType.ENUM ? f.getEnumType() : null);
      return new Field(
          f,
          index,
          f.getRealContainingOneof() == null ? -1 : f.getRealContainingOneof().getIndex(),
          !f.isRepeated() && !f.hasPresence(),
          shape,
          scalar,
          message ? f.getMessageType() : null);
    }
  }

  private final Form form;
  private final Map<String, Field> byKey;
  private final Descriptor type;
  private final Field[] declared; // in declaration order
  // byKey again, open-addressed by String.hashCode, for keys looked up in place in a JSON text
  private final String[] keys;
  private final Field[] keyed;
  private final JsonFieldTable[] subTables; // by field index, filled on first use

  JsonFieldTable(Descriptor type) {
    this.type = type;
    this.form = formOf(type);
    List<FieldDescriptor> fields = type.getFields();
    this.byKey = HashMap.newHashMap(fields.size() * 2);
    this.declared = new Field[fields.size()];
    this.subTables = new JsonFieldTable[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      FieldDescriptor f = fields.get(i);
      Field entry = Field.of(f, i);
      declared[i] = entry;
      // Same order as JsonFormat's field-name map, so that a clash resolves the same way.
      byKey.put(f.getName(), entry);
      byKey.put(f.getJsonName(), entry);
    }
    int slots = Integer.highestOneBit(Math.max(byKey.size(), 1) * 4);
    this.keys = new String[slots];
    this.keyed = new Field[slots];
    byKey.forEach(
        (key, field) -> {
          int slot = key.hashCode() & (slots - 1);
          while (keys[slot] != null) {
            slot = (slot + 1) & (slots - 1);
          }
          keys[slot] = key;
          keyed[slot] = field;
        });
  }

  Descriptor type() {
    return type;
  }

  Form form() {
    return form;
  }

  /**
   * The table of {@code field}'s message (or map entry) type, from {@code tables} the first time. A
   * race only looks it up twice.
   */
  JsonFieldTable subTable(Field field, Function<Descriptor, JsonFieldTable> tables) {
    JsonFieldTable sub = subTables[field.index()];
    if (sub == null) {
      sub = tables.apply(field.messageType());
      subTables[field.index()] = sub;
    }
    return sub;
  }

  /** The field numbered {@code number}, or {@code null}. */
  Field fieldNumbered(int number) {
    for (Field field : declared) {
      if (field.number() == number) {
        return field;
      }
    }
    return null;
  }

  /** The field a JSON key names, or {@code null}. */
  Field field(String key) {
    return byKey.get(key);
  }

  /**
   * The field named by the key written from {@code start} to {@code end} in {@code text}, without
   * escapes, whose {@code String.hashCode()} is {@code hash}: as {@link #field(String)} on that
   * substring, without making it.
   */
  Field field(String text, int start, int end, int hash) {
    int length = end - start;
    int mask = keys.length - 1;
    for (int slot = hash & mask; keys[slot] != null; slot = (slot + 1) & mask) {
      String key = keys[slot];
      if (key.length() == length && text.startsWith(key, start)) {
        return keyed[slot];
      }
    }
    return null;
  }

  private static Form formOf(Descriptor type) {
    return switch (type.getFullName()) {
      case "google.protobuf.Any" -> Form.ANY;
      case "google.protobuf.Duration" -> Form.DURATION;
      case "google.protobuf.DoubleValue",
          "google.protobuf.FloatValue",
          "google.protobuf.Int64Value",
          "google.protobuf.UInt64Value",
          "google.protobuf.Int32Value",
          "google.protobuf.UInt32Value",
          "google.protobuf.BoolValue",
          "google.protobuf.StringValue" ->
          Form.WRAPPER;
      case "google.protobuf.Struct" -> Form.STRUCT;
      case "google.protobuf.Value" -> Form.VALUE;
      case "google.protobuf.ListValue" -> Form.LIST_VALUE;
      case "google.protobuf.Timestamp", "google.protobuf.FieldMask", "google.protobuf.BytesValue" ->
          Form.UNSUPPORTED;
      default -> Form.FIELDS;
    };
  }
}
