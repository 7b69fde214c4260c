package dev.rigging.validators.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rigging.validators.Violation;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesValidatorTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static KubernetesValidator validator;

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: demo
        labels: {app: web}
        creationTimestamp: null
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: web:1
              ports:
              - containerPort: 8080
      """;

  @BeforeAll
  static void create() {
    validator = KubernetesValidator.create();
  }

  private static ObjectNode parse(String yaml) throws Exception {
    return (ObjectNode) YAML.readTree(yaml);
  }

  private static List<Violation> validate(JsonNode node) {
    return validator.validate(node);
  }

  @Test
  void validDeployment_passesBothChecks() throws Exception {
    assertEquals(List.of(), validate(parse(DEPLOYMENT)));
  }

  @Test
  void unknownField_caughtBySchemaAndModel() throws Exception {
    ObjectNode doc = parse(DEPLOYMENT);
    ((ObjectNode) doc.at("/spec/template/spec/containers/0")).put("imagee", "web:2");
    List<Violation> found = validate(doc);
    assertTrue(
        found.stream()
            .anyMatch(
                v ->
                    v.message().startsWith("JSON Schema")
                        && v.path().equals("spec.template.spec.containers[0].imagee")
                        && v.message().contains("imagee")),
        found.toString());
    assertTrue(
        found.stream()
            .anyMatch(
                v -> v.message().startsWith("client model") && v.message().contains("imagee")),
        found.toString());
  }

  @Test
  void wrongType_caughtBySchemaAndModel() throws Exception {
    ObjectNode doc = parse(DEPLOYMENT);
    ((ObjectNode) doc.at("/spec")).put("replicas", "two");
    ((ObjectNode) doc.at("/spec/template/spec/containers/0")).putObject("name").put("x", 1);
    List<Violation> found = validate(doc);
    assertTrue(found.stream().anyMatch(v -> v.path().equals("spec.replicas")), found.toString());
    assertTrue(
        found.stream().anyMatch(v -> v.message().startsWith("client model")), found.toString());
  }

  @Test
  void missingRequiredField_caughtBySchemaAndModel() throws Exception {
    ObjectNode doc = parse(DEPLOYMENT);
    ((ObjectNode) doc.at("/spec")).remove("selector");
    List<Violation> found = validate(doc);
    assertTrue(
        found.stream()
            .anyMatch(
                v -> v.message().startsWith("JSON Schema") && v.message().contains("selector")),
        found.toString());
    assertTrue(
        found.stream()
            .anyMatch(
                v -> v.message().startsWith("client model") && v.message().contains("selector")),
        found.toString());
  }

  @Test
  void unknownKind_isAViolation() throws Exception {
    List<Violation> found = validate(parse("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"));
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("`Pod`"));
  }
}
