package dev.rigging.proxy.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.rigging.validators.EnvoyType;
import dev.rigging.validators.EnvoyValidator;
import dev.rigging.validators.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Validates Envoy JSON with Rigging's validator, then parses it into Envoy's v3 types. */
final class EnvoyJson {

  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  private final EnvoyValidator validator = EnvoyValidator.create();
  private final JsonFormat.Parser parser =
      JsonFormat.parser().usingTypeRegistry(SupportedFields.typeRegistry());

  /**
   * {@code json} as {@code builder}'s message, once validated and every {@code @type} is one the
   * proxy runs.
   */
  <T extends Message> T parse(String source, String json, EnvoyType type, Message.Builder builder)
      throws ConfigLoadException {
    List<Violation> violations = validator.validate(json, type);
    if (!violations.isEmpty()) {
      throw new ConfigLoadException(source, violations.stream().map(Violation::toString).toList());
    }
    List<String> unknownTypes = new ArrayList<>();
    collectUnsupportedTypes(JsonParser.parseString(json), "", unknownTypes);
    if (!unknownTypes.isEmpty()) {
      throw new UnsupportedConfigException(source, unknownTypes);
    }
    try {
      parser.merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new ConfigLoadException(source, "cannot parse: " + e.getMessage(), e);
    }
    @SuppressWarnings("unchecked")
    T message = (T) builder.build();
    return message;
  }

  // Done on the JSON tree, before parsing, because the parser's own error would not say where.
  private static void collectUnsupportedTypes(
      JsonElement element, String path, List<String> problems) {
    if (element.isJsonArray()) {
      for (int i = 0; i < element.getAsJsonArray().size(); i++) {
        collectUnsupportedTypes(element.getAsJsonArray().get(i), path + "[" + i + "]", problems);
      }
    } else if (element.isJsonObject()) {
      for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
        String memberPath = SupportCheck.join(path, member.getKey());
        if (member.getKey().equals("@type") && member.getValue().isJsonPrimitive()) {
          String url = member.getValue().getAsString();
          String name =
              url.startsWith(TYPE_URL_PREFIX) ? url.substring(TYPE_URL_PREFIX.length()) : url;
          if (!SupportedFields.isSupportedType(name)) {
            problems.add(path + ": type " + name + " is not supported by the Rigging proxy");
          }
        } else {
          collectUnsupportedTypes(member.getValue(), memberPath, problems);
        }
      }
    }
  }
}
