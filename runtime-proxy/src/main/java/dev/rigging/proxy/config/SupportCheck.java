package dev.rigging.proxy.config;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks every set field of a parsed configuration, {@code Any} contents included, against {@link
 * SupportedFields}, and names the JSON path of each field or enum value the proxy would otherwise
 * have to ignore.
 */
final class SupportCheck {

  private SupportCheck() {}

  /**
   * Every unsupported field and enum value under {@code root}, whose JSON path is {@code rootPath}.
   */
  static List<String> problems(Message root, String rootPath) {
    List<String> problems = new ArrayList<>();
    walk(root, rootPath, problems);
    return problems;
  }

  /** {@code parent.child}, or {@code child} at the root. */
  static String join(String parent, String child) {
    return parent.isEmpty() ? child : parent + "." + child;
  }

  private static void walk(Message message, String path, List<String> problems) {
    Descriptor type = message.getDescriptorForType();
    if (type.getFullName().equals(Any.getDescriptor().getFullName())) {
      // Inside an unpacked DynamicMessage an Any is itself dynamic, so read it by field.
      walkAny(
          (String) message.getField(type.findFieldByName("type_url")),
          (ByteString) message.getField(type.findFieldByName("value")),
          path,
          problems);
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      String fieldPath = join(path, field.getName());
      if (!SupportedFields.isSupportedField(type, field.getName())) {
        problems.add(fieldPath + ": not supported by the Rigging proxy");
        continue;
      }
      if (field.isMapField()) {
        for (Object item : (List<?>) entry.getValue()) {
          Message mapEntry = (Message) item;
          Descriptor entryType = mapEntry.getDescriptorForType();
          Object key = mapEntry.getField(entryType.findFieldByName("key"));
          FieldDescriptor valueField = entryType.findFieldByName("value");
          walkValue(
              valueField, mapEntry.getField(valueField), fieldPath + "[\"" + key + "\"]", problems);
        }
      } else if (field.isRepeated()) {
        List<?> items = (List<?>) entry.getValue();
        for (int i = 0; i < items.size(); i++) {
          walkValue(field, items.get(i), fieldPath + "[" + i + "]", problems);
        }
      } else {
        walkValue(field, entry.getValue(), fieldPath, problems);
      }
    }
  }

  private static void walkValue(
      FieldDescriptor field, Object value, String path, List<String> problems) {
    switch (field.getJavaType()) {
      case MESSAGE -> walk((Message) value, path, problems);
      case ENUM -> {
        EnumValueDescriptor enumValue = (EnumValueDescriptor) value;
        if (!SupportedFields.isSupportedEnumValue(enumValue.getType(), enumValue.getName())) {
          problems.add(
              path + ": " + enumValue.getName() + " is not supported by the Rigging proxy");
        }
      }
      default -> {
        // Scalars carry no nested configuration; whether their value is usable is the translator's
        // call.
      }
    }
  }

  private static void walkAny(
      String typeUrl, ByteString value, String path, List<String> problems) {
    String typeName = typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
    Descriptor type = SupportedFields.typeRegistry().find(typeName);
    if (type == null) {
      problems.add(path + ": type " + typeName + " is not supported by the Rigging proxy");
      return;
    }
    try {
      walk(DynamicMessage.parseFrom(type, value), path, problems);
    } catch (InvalidProtocolBufferException e) {
      problems.add(path + ": cannot read " + typeName + ": " + e.getMessage());
    }
  }
}
