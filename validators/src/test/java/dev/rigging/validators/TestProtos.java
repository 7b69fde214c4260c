package dev.rigging.validators;

import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import io.envoyproxy.pgv.validate.Validate.Int32Rules;
import io.envoyproxy.pgv.validate.Validate.Int64Rules;
import io.envoyproxy.pgv.validate.Validate.MapRules;
import io.envoyproxy.pgv.validate.Validate.MessageRules;
import io.envoyproxy.pgv.validate.Validate.RepeatedRules;
import io.envoyproxy.pgv.validate.Validate.StringRules;
import io.envoyproxy.pgv.validate.Validate.TimestampRules;
import io.envoyproxy.pgv.validate.Validate.UInt32Rules;

/**
 * A proto3 file built in code, {@code rigging.test.v1}, whose message {@code Sample} carries the
 * PGV options whose semantics Envoy's own protos exercise rarely or never (disabled messages,
 * proto3 {@code optional}, map keys, {@code skip}, {@code ignore_empty}...).
 */
final class TestProtos {

  static final Descriptor SAMPLE;
  static final Descriptor ITEM;

  static {
    FieldRules minLen1 =
        FieldRules.newBuilder().setString(StringRules.newBuilder().setMinLen(1)).build();
    DescriptorProto item =
        DescriptorProto.newBuilder()
            .setName("Item")
            .addField(field("name", 1, Type.TYPE_STRING, null, minLen1))
            .build();
    DescriptorProto disabled =
        DescriptorProto.newBuilder()
            .setName("Disabled")
            .setOptions(MessageOptions.newBuilder().setExtension(Validate.disabled, true))
            .addField(field("name", 1, Type.TYPE_STRING, null, minLen1))
            .build();
    DescriptorProto itemsEntry =
        mapEntry("ItemsEntry", Type.TYPE_STRING, Type.TYPE_MESSAGE, ".rigging.test.v1.Item");
    DescriptorProto codesEntry = mapEntry("CodesEntry", Type.TYPE_INT32, Type.TYPE_STRING, null);
    DescriptorProto sample =
        DescriptorProto.newBuilder()
            .setName("Sample")
            .addNestedType(itemsEntry)
            .addNestedType(codesEntry)
            .addOneofDecl(
                OneofDescriptorProto.newBuilder()
                    .setName("choice")
                    .setOptions(OneofOptions.newBuilder().setExtension(Validate.required, true)))
            .addOneofDecl(OneofDescriptorProto.newBuilder().setName("_opt"))
            .addField(
                field(
                        "items",
                        1,
                        Type.TYPE_MESSAGE,
                        ".rigging.test.v1.Sample.ItemsEntry",
                        FieldRules.newBuilder()
                            .setMap(
                                MapRules.newBuilder()
                                    .setMinPairs(1)
                                    .setKeys(
                                        FieldRules.newBuilder()
                                            .setString(StringRules.newBuilder().setMinLen(2))))
                            .build())
                    .setLabel(Label.LABEL_REPEATED))
            .addField(
                field(
                    "weight",
                    2,
                    Type.TYPE_MESSAGE,
                    ".google.protobuf.UInt32Value",
                    FieldRules.newBuilder()
                        .setUint32(UInt32Rules.newBuilder().setLte(100))
                        .build()))
            .addField(field("a", 3, Type.TYPE_STRING, null, minLen1).setOneofIndex(0))
            .addField(
                field("b", 4, Type.TYPE_MESSAGE, ".rigging.test.v1.Item", null).setOneofIndex(0))
            .addField(
                field(
                    "skipped",
                    5,
                    Type.TYPE_MESSAGE,
                    ".rigging.test.v1.Item",
                    FieldRules.newBuilder()
                        .setMessage(MessageRules.newBuilder().setSkip(true))
                        .build()))
            .addField(
                field(
                    "needed",
                    6,
                    Type.TYPE_MESSAGE,
                    ".rigging.test.v1.Item",
                    FieldRules.newBuilder()
                        .setMessage(MessageRules.newBuilder().setRequired(true))
                        .build()))
            .addField(
                field(
                        "ids",
                        7,
                        Type.TYPE_INT64,
                        null,
                        FieldRules.newBuilder()
                            .setRepeated(
                                RepeatedRules.newBuilder()
                                    .setUnique(true)
                                    .setMaxItems(3)
                                    .setItems(
                                        FieldRules.newBuilder()
                                            .setInt64(Int64Rules.newBuilder().setGt(0))))
                            .build())
                    .setLabel(Label.LABEL_REPEATED))
            .addField(
                field(
                        "opt",
                        8,
                        Type.TYPE_INT32,
                        null,
                        FieldRules.newBuilder().setInt32(Int32Rules.newBuilder().setGt(5)).build())
                    .setOneofIndex(1)
                    .setProto3Optional(true))
            .addField(
                field(
                    "plain",
                    9,
                    Type.TYPE_INT32,
                    null,
                    FieldRules.newBuilder().setInt32(Int32Rules.newBuilder().setGt(5)).build()))
            .addField(
                field(
                        "tags",
                        10,
                        Type.TYPE_STRING,
                        null,
                        FieldRules.newBuilder()
                            .setRepeated(
                                RepeatedRules.newBuilder().setMinItems(1).setIgnoreEmpty(true))
                            .build())
                    .setLabel(Label.LABEL_REPEATED))
            .addField(
                field(
                    "any",
                    11,
                    Type.TYPE_MESSAGE,
                    ".google.protobuf.Any",
                    FieldRules.newBuilder()
                        .setAny(
                            Validate.AnyRules.newBuilder()
                                .addIn("type.googleapis.com/rigging.test.v1.Item"))
                        .build()))
            .addField(
                field(
                    "at",
                    12,
                    Type.TYPE_MESSAGE,
                    ".google.protobuf.Timestamp",
                    FieldRules.newBuilder()
                        .setTimestamp(TimestampRules.newBuilder().setLtNow(true))
                        .build()))
            .addField(
                field(
                        "codes",
                        13,
                        Type.TYPE_MESSAGE,
                        ".rigging.test.v1.Sample.CodesEntry",
                        FieldRules.newBuilder()
                            .setMap(
                                MapRules.newBuilder()
                                    .setKeys(
                                        FieldRules.newBuilder()
                                            .setInt32(Int32Rules.newBuilder().setGte(100)))
                                    .setValues(
                                        FieldRules.newBuilder()
                                            .setString(StringRules.newBuilder().setPrefix("x"))))
                            .build())
                    .setLabel(Label.LABEL_REPEATED))
            .addField(field("disabled", 14, Type.TYPE_MESSAGE, ".rigging.test.v1.Disabled", null))
            .addField(
                field("children", 15, Type.TYPE_MESSAGE, ".rigging.test.v1.Item", null)
                    .setLabel(Label.LABEL_REPEATED))
            .build();
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("rigging/test/v1/sample.proto")
            .setPackage("rigging.test.v1")
            .setSyntax("proto3")
            .addDependency("google/protobuf/wrappers.proto")
            .addDependency("google/protobuf/any.proto")
            .addDependency("google/protobuf/timestamp.proto")
            .addDependency("validate/validate.proto")
            .addMessageType(item)
            .addMessageType(disabled)
            .addMessageType(sample)
            .build();
    try {
      FileDescriptor built =
          FileDescriptor.buildFrom(
              file,
              new FileDescriptor[] {
                UInt32Value.getDescriptor().getFile(), Any.getDescriptor().getFile(),
                Timestamp.getDescriptor().getFile(), Validate.getDescriptor()
              });
      SAMPLE = built.findMessageTypeByName("Sample");
      ITEM = built.findMessageTypeByName("Item");
    } catch (DescriptorValidationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private TestProtos() {}

  private static FieldDescriptorProto.Builder field(
      String name, int number, Type type, String typeName, FieldRules rules) {
    FieldDescriptorProto.Builder field =
        FieldDescriptorProto.newBuilder()
            .setName(name)
            .setNumber(number)
            .setType(type)
            .setLabel(Label.LABEL_OPTIONAL)
            .setJsonName(name);
    if (typeName != null) {
      field.setTypeName(typeName);
    }
    if (rules != null) {
      field.setOptions(FieldOptions.newBuilder().setExtension(Validate.rules, rules));
    }
    return field;
  }

  private static DescriptorProto mapEntry(String name, Type key, Type value, String valueTypeName) {
    return DescriptorProto.newBuilder()
        .setName(name)
        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
        .addField(field("key", 1, key, null, null))
        .addField(field("value", 2, value, valueTypeName, null))
        .build();
  }
}
