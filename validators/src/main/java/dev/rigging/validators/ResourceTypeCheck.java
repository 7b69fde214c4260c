package dev.rigging.validators;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * For a {@code DiscoveryResponse}: every resource must be of the response's {@code type_url} when
 * one is given, since Envoy decodes all resources of a response as that one type.
 */
final class ResourceTypeCheck {

  private static final FieldDescriptor ANY_TYPE_URL =
      Any.getDescriptor().findFieldByName("type_url");

  private ResourceTypeCheck() {}

  /**
   * As {@link #check(Message, List)}, for a response in wire format whose strings are all plain (no
   * unpaired surrogate, which UTF-8 cannot carry), as {@link WireJsonReader} writes them.
   */
  static void check(Descriptor responseType, byte[] wire, List<Violation> out) {
    int typeUrlNumber = responseType.findFieldByName("type_url").getNumber();
    int resourcesNumber = responseType.findFieldByName("resources").getNumber();
    String expected = "";
    List<String> actual = new ArrayList<>();
    WireReader in = new WireReader(wire, 0, wire.length);
    while (!in.atEnd()) {
      int tag = (int) in.readVarint();
      if (tag == (typeUrlNumber << 3 | WireReader.LENGTH_DELIMITED)) {
        expected = in.readString();
      } else if (tag == (resourcesNumber << 3 | WireReader.LENGTH_DELIMITED)) {
        int end = in.readLengthDelimited();
        String typeUrl = "";
        while (in.position() < end) {
          int anyTag = (int) in.readVarint();
          if (anyTag == (ANY_TYPE_URL.getNumber() << 3 | WireReader.LENGTH_DELIMITED)) {
            typeUrl = in.readString();
          } else {
            in.skip(anyTag & 7);
          }
        }
        actual.add(typeUrl);
      } else {
        in.skip(tag & 7);
      }
    }
    report(expected, actual, out);
  }

  static void check(Message response, List<Violation> out) {
    FieldDescriptor typeUrlField = response.getDescriptorForType().findFieldByName("type_url");
    FieldDescriptor resourcesField = response.getDescriptorForType().findFieldByName("resources");
    List<String> actual = new ArrayList<>();
    int count = response.getRepeatedFieldCount(resourcesField);
    for (int i = 0; i < count; i++) {
      actual.add(
          (String) ((Message) response.getRepeatedField(resourcesField, i)).getField(ANY_TYPE_URL));
    }
    report((String) response.getField(typeUrlField), actual, out);
  }

  private static void report(String expected, List<String> actual, List<Violation> out) {
    if (expected.isEmpty()) {
      return;
    }
    String expectedName = TypeResolver.typeName(expected);
    for (int i = 0; i < actual.size(); i++) {
      if (!TypeResolver.typeName(actual.get(i)).equals(expectedName)) {
        out.add(
            new Violation(
                ViolationPath.ROOT.field("resources").index(i).toString(),
                "resource of type " + actual.get(i) + " in a response of type_url " + expected));
      }
    }
  }
}
