package dev.rigging.validators.kubernetes;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the vendored JSON Schemas from the official client models, which client-java generates
 * from Kubernetes' OpenAPI definitions: every property the API defines (and no other: {@code
 * additionalProperties: false}), its JSON type, and the required ones. Standalone (definitions
 * inline) and strict, in the style of the kubernetes-json-schema "standalone-strict" sets.
 *
 * <p>{@link VendoredSchemasTest} holds the resources to what this generates; after a client-java
 * upgrade, re-run it with {@code -Dapprove=true} to rewrite them.
 */
final class SchemaGenerator {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String MODELS = "io.kubernetes.client.openapi.models";

  private SchemaGenerator() {}

  /** Returns the schema of {@code kind}, as indented JSON with a trailing newline. */
  static String schema(KubernetesKind kind) {
    var definitions = new TreeMap<String, ObjectNode>();
    Deque<Class<?>> pending = new ArrayDeque<>(List.of(kind.model()));
    Set<Class<?>> seen = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
    while (!pending.isEmpty()) {
      Class<?> model = pending.pop();
      if (seen.add(model)) {
        definitions.put(model.getSimpleName(), object(model, pending));
      }
    }
    ObjectNode root = definitions.remove(kind.model().getSimpleName());
    var properties = (ObjectNode) root.get("properties");
    properties.set(
        "apiVersion", JSON.objectNode().set("enum", JSON.arrayNode().add(kind.apiVersion())));
    properties.set("kind", JSON.objectNode().set("enum", JSON.arrayNode().add(kind.kind())));
    var required = new TreeSet<String>(List.of("apiVersion", "kind"));
    root.withArray("required").forEach(n -> required.add(n.asText()));
    var requiredArray = JSON.arrayNode();
    required.forEach(requiredArray::add);
    root.set("required", requiredArray);

    var schema = JSON.objectNode();
    schema.put("$schema", "http://json-schema.org/draft-07/schema#");
    schema.put(
        "description",
        kind.kind()
            + " ("
            + kind.apiVersion()
            + "), generated from io.kubernetes:client-java-api models (Kubernetes OpenAPI);"
            + " Apache-2.0. See README.md beside this file.");
    root.fieldNames().forEachRemaining(name -> schema.set(name, root.get(name)));
    var defs = JSON.objectNode();
    definitions.forEach(defs::set);
    schema.set("definitions", defs);
    try {
      var printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      return new ObjectMapper().writer(printer).writeValueAsString(schema) + "\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode object(Class<?> model, Deque<Class<?>> pending) {
    var node = JSON.objectNode().put("type", "object");
    var properties = JSON.objectNode();
    var names = new TreeMap<String, Field>();
    for (Field field : model.getDeclaredFields()) {
      SerializedName name = field.getAnnotation(SerializedName.class);
      if (name != null && !Modifier.isStatic(field.getModifiers())) {
        names.put(name.value(), field);
      }
    }
    Set<String> required = requiredFields(model);
    for (var entry : names.entrySet()) {
      ObjectNode type = type(entry.getValue().getGenericType(), pending);
      properties.set(entry.getKey(), type);
    }
    node.set("properties", properties);
    var requiredArray = JSON.arrayNode();
    new TreeSet<>(required).forEach(requiredArray::add);
    if (!required.isEmpty()) {
      node.set("required", requiredArray);
    }
    node.put("additionalProperties", false);
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> requiredFields(Class<?> model) {
    try {
      return (Set<String>) model.getField("openapiRequiredFields").get(null);
    } catch (ReflectiveOperationException e) {
      return Set.of();
    }
  }

  private static ObjectNode type(Type type, Deque<Class<?>> pending) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        return JSON.objectNode().put("type", "array").set("items", type(args[0], pending));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return JSON.objectNode()
            .put("type", "object")
            .set("additionalProperties", type(args[1], pending));
      }
      throw new IllegalStateException("unmapped generic type " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return JSON.objectNode().put("type", "string");
    }
    if (c == Integer.class) {
      return JSON.objectNode()
          .put("type", "integer")
          .put("minimum", Integer.MIN_VALUE)
          .put("maximum", Integer.MAX_VALUE);
    }
    if (c == Long.class) {
      return JSON.objectNode().put("type", "integer");
    }
    if (c == Boolean.class) {
      return JSON.objectNode().put("type", "boolean");
    }
    if (c == Double.class || c == Float.class || c == java.math.BigDecimal.class) {
      return JSON.objectNode().put("type", "number");
    }
    if (c == OffsetDateTime.class) {
      return JSON.objectNode().put("type", "string").put("format", "date-time");
    }
    if (c == byte[].class) {
      return JSON.objectNode().put("type", "string");
    }
    if (c == IntOrString.class) {
      return JSON.objectNode().set("type", JSON.arrayNode().add("string").add("integer"));
    }
    if (c == Quantity.class) {
      return JSON.objectNode().set("type", JSON.arrayNode().add("string").add("number"));
    }
    if (c == Object.class) {
      return JSON.objectNode();
    }
    if (c.getPackageName().equals(MODELS)) {
      pending.push(c);
      return JSON.objectNode().put("$ref", "#/definitions/" + c.getSimpleName());
    }
    throw new IllegalStateException("unmapped type " + c);
  }
}
