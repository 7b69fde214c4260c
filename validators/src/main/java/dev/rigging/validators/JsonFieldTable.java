package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * One field.
   *
   * @param field its descriptor
   * @param index its position in {@code getFields()}, to detect a field set twice
   * @param oneof the index of its oneof, or -1
   * @param elidesDefault whether setting its default value leaves it unset, as {@code
   *     DynamicMessage} does for a singular field without presence
   */
  record Field(FieldDescriptor field, int index, int oneof, boolean elidesDefault) {
    int number() {
      return field.getNumber();
    }
  }

  private final Form form;
  private final Map<String, Field> byKey;
  private final Descriptor type;

  JsonFieldTable(Descriptor type) {
    this.type = type;
    this.form = formOf(type);
    List<FieldDescriptor> fields = type.getFields();
    this.byKey = HashMap.newHashMap(fields.size() * 2);
    for (int i = 0; i < fields.size(); i++) {
      FieldDescriptor f = fields.get(i);
      Field entry =
          new Field(
              f,
              i,
              f.getRealContainingOneof() == null ? -1 : f.getRealContainingOneof().getIndex(),
              !f.isRepeated() && !f.hasPresence());
      // Same order as JsonFormat's field-name map, so that a clash resolves the same way.
      byKey.put(f.getName(), entry);
      byKey.put(f.getJsonName(), entry);
    }
  }

  Descriptor type() {
    return type;
  }

  Form form() {
    return form;
  }

  /** The field a JSON key names, or {@code null}. */
  Field field(String key) {
    return byKey.get(key);
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
