package dev.rigging.validators;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;

/**
 * For a {@code DiscoveryResponse}: every resource must be of the response's {@code type_url} when
 * one is given, since Envoy decodes all resources of a response as that one type.
 */
final class ResourceTypeCheck {

  private static final FieldDescriptor ANY_TYPE_URL =
      Any.getDescriptor().findFieldByName("type_url");

  private ResourceTypeCheck() {}

  /** As {@link #check(Message, List)}, for a response in wire format. */
  static void check(Descriptor responseType, byte[] wire, List<Violation> out) {
    try {
      check(DynamicMessage.parseFrom(responseType, wire), out);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("wire bytes written by this validator do not parse", e);
    }
  }

  static void check(Message response, List<Violation> out) {
    FieldDescriptor typeUrlField = response.getDescriptorForType().findFieldByName("type_url");
    FieldDescriptor resourcesField = response.getDescriptorForType().findFieldByName("resources");
    String expected = (String) response.getField(typeUrlField);
    if (expected.isEmpty()) {
      return;
    }
    String expectedName = TypeResolver.typeName(expected);
    int count = response.getRepeatedFieldCount(resourcesField);
    for (int i = 0; i < count; i++) {
      String actual =
          (String) ((Message) response.getRepeatedField(resourcesField, i)).getField(ANY_TYPE_URL);
      if (!TypeResolver.typeName(actual).equals(expectedName)) {
        out.add(
            new Violation(
                ViolationPath.ROOT.field("resources").index(i).toString(),
                "resource of type " + actual + " in a response of type_url " + expected));
      }
    }
  }
}
