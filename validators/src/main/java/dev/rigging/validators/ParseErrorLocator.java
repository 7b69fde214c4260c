package dev.rigging.validators;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import java.util.Map;

/**
 * Finds where in a document a protobuf JSON parse failed. {@code JsonFormat} names the message type
 * but not the location, so this re-parses pieces of the document, one field at a time, with the
 * same parser and descends into the first piece that fails. Only runs for documents that already
 * failed.
 */
final class ParseErrorLocator {

  private static final String ANY = "google.protobuf.Any";
  private static final String TYPE_KEY = "@type";

  private final TypeResolver types;

  ParseErrorLocator(TypeResolver types) {
    this.types = types;
  }

  /**
   * The violation for a failed parse of {@code json} as {@code type}, located as precisely as
   * possible.
   */
  Violation locate(String json, Descriptor type, String message) {
    JsonElement tree;
    try {
      tree = JsonParser.parseString(json);
    } catch (RuntimeException e) {
      // Syntax was checked before parsing, so this is unexpected; the root is all we can say.
      return new Violation("", message);
    }
    return new Violation(find(tree, type, ViolationPath.ROOT).toString(), message);
  }

  private ViolationPath find(JsonElement element, Descriptor type, ViolationPath path) {
    if (!element.isJsonObject() || hasScalarJsonForm(type)) {
      return path;
    }
    JsonObject object = element.getAsJsonObject();
    boolean anyContent = type.getFullName().equals(ANY);
    if (anyContent) {
      JsonElement typeUrl = object.get(TYPE_KEY);
      if (typeUrl == null || !typeUrl.isJsonPrimitive()) {
        return path;
      }
      Descriptor content = types.find(typeUrl.getAsString());
      if (content == null || hasScalarJsonForm(content)) {
        return path;
      }
      type = content;
    }
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      String key = entry.getKey();
      if (anyContent && key.equals(TYPE_KEY)) {
        continue;
      }
      FieldDescriptor field = fieldFor(type, key);
      if (field == null) {
        return path.field(key);
      }
      if (!parses(type, key, entry.getValue())) {
        return findInField(type, field, key, entry.getValue(), path.field(field.getName()));
      }
    }
    // Each field parses on its own, so the conflict is between fields of this object (e.g. a
    // oneof).
    return path;
  }

  private ViolationPath findInField(
      Descriptor owner, FieldDescriptor field, String key, JsonElement value, ViolationPath path) {
    boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    if (field.isMapField() && value.isJsonObject()) {
      FieldDescriptor mapValue = field.getMessageType().findFieldByNumber(2);
      Descriptor valueType =
          mapValue.getJavaType() == FieldDescriptor.JavaType.MESSAGE
              ? mapValue.getMessageType()
              : null;
      for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
        JsonObject single = new JsonObject();
        single.add(entry.getKey(), entry.getValue());
        if (!parses(owner, key, single)) {
          ViolationPath entryPath = path.key(entry.getKey());
          return valueType == null ? entryPath : find(entry.getValue(), valueType, entryPath);
        }
      }
      return path;
    }
    if (field.isRepeated() && value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        JsonArray single = new JsonArray();
        single.add(array.get(i));
        if (!parses(owner, key, single)) {
          ViolationPath itemPath = path.index(i);
          return message ? find(array.get(i), field.getMessageType(), itemPath) : itemPath;
        }
      }
      return path;
    }
    return message && !field.isRepeated() ? find(value, field.getMessageType(), path) : path;
  }

  /** Whether {@code {key: value}} parses as {@code type}. */
  private boolean parses(Descriptor type, String key, JsonElement value) {
    JsonObject single = new JsonObject();
    single.add(key, value);
    try {
      types.parser().merge(single.toString(), DynamicMessage.newBuilder(type));
      return true;
    } catch (Exception e) {
      // Expected: this is how the failing piece is recognised.
      return false;
    }
  }

  /** Field named {@code key} in the JSON mapping: its proto name or its lowerCamel JSON name. */
  private static FieldDescriptor fieldFor(Descriptor type, String key) {
    FieldDescriptor byName = type.findFieldByName(key);
    if (byName != null) {
      return byName;
    }
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJsonName().equals(key)) {
        return field;
      }
    }
    return null;
  }

  /**
   * Well-known types whose JSON form is not an object of their fields (durations, wrappers,
   * structs...): the locator cannot look inside them, so the failure is the field itself.
   */
  private static boolean hasScalarJsonForm(Descriptor type) {
    String name = type.getFullName();
    return name.startsWith("google.protobuf.")
        && !name.equals(ANY)
        && !name.equals("google.protobuf.Empty");
  }
}
