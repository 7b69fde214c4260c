package dev.rigging.validators.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.rigging.validators.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Checks a document against the vendored JSON Schema of its kind, with networknt. */
final class SchemaCheck {
  /** Where the vendored schemas live on the class path. */
  static final String RESOURCES = "/dev/rigging/validators/kubernetes/v1.33/";

  private final Map<KubernetesKind, JsonSchema> schemas = new EnumMap<>(KubernetesKind.class);

  SchemaCheck() {
    var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    var config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(true)
            .build();
    var mapper = new ObjectMapper();
    for (KubernetesKind kind : KubernetesKind.values()) {
      String resource = RESOURCES + kind.schemaFile();
      try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing schema resource " + resource);
        }
        schemas.put(kind, factory.getSchema(mapper.readTree(in), config));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Returns the schema violations of {@code document}, sorted by path then message. */
  List<Violation> check(KubernetesKind kind, JsonNode document) {
    return schemas.get(kind).validate(document).stream()
        .map(SchemaCheck::violation)
        .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message))
        .toList();
  }

  private static Violation violation(ValidationMessage message) {
    String path = message.getInstanceLocation().toString();
    path = path.equals("$") ? "" : path.startsWith("$.") ? path.substring(2) : path.substring(1);
    if ("additionalProperties".equals(message.getType()) && message.getProperty() != null) {
      // Point at the field that should not be there, not at the object holding it.
      path = path.isEmpty() ? message.getProperty() : path + "." + message.getProperty();
    }
    String text = message.getMessage();
    // networknt prefixes the message with the instance path; the path is reported separately.
    String prefix = message.getInstanceLocation() + ": ";
    if (text.startsWith(prefix)) {
      text = text.substring(prefix.length());
    }
    return new Violation(path, "JSON Schema: " + text);
  }
}
