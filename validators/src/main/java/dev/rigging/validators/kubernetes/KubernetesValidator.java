package dev.rigging.validators.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.validators.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates Kubernetes manifests against Kubernetes' own API definitions, two ways: the vendored
 * JSON Schema of the kind (networknt json-schema-validator) and a strict parse into the official
 * client model ({@code io.kubernetes:client-java-api}). Thread-safe once created; creating it loads
 * and compiles the schemas, so create one and share it.
 */
public final class KubernetesValidator {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SchemaCheck schemas = new SchemaCheck();
  private final TypedCheck models = new TypedCheck();

  private KubernetesValidator() {}

  public static KubernetesValidator create() {
    return new KubernetesValidator();
  }

  /**
   * Returns every violation found in one document (a single manifest, as a JSON tree): schema
   * violations with their paths, then the client model's verdict. A kind rig does not emit is
   * itself a violation.
   */
  public List<Violation> validate(JsonNode original) {
    JsonNode document = withoutNulls(original);
    Optional<KubernetesKind> kind =
        KubernetesKind.of(document.path("apiVersion").asText(""), document.path("kind").asText(""));
    if (kind.isEmpty()) {
      return List.of(
          new Violation(
              "",
              "unsupported kind `"
                  + document.path("kind").asText("")
                  + "` of apiVersion `"
                  + document.path("apiVersion").asText("")
                  + "`"));
    }
    List<Violation> found = new ArrayList<>(schemas.check(kind.get(), document));
    try {
      found.addAll(models.check(kind.get(), MAPPER.writeValueAsString(document)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
    return found;
  }

  /**
   * Returns a copy without null-valued fields: the API server treats {@code field: null} as an
   * absent field (kubectl writes {@code creationTimestamp: null}), and so do both checks here.
   */
  static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = MAPPER.createObjectNode();
      object
          .properties()
          .forEach(
              field -> {
                if (!field.getValue().isNull()) {
                  copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
              });
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = MAPPER.createArrayNode();
      array.forEach(item -> copy.add(withoutNulls(item)));
      return copy;
    }
    return node;
  }
}
