package dev.rigging.policies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rigging.validators.EnvoyType;
import dev.rigging.validators.EnvoyValidator;
import dev.rigging.validators.Violation;
import dev.rigging.validators.kubernetes.KubernetesValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles every example policy with the real {@code rig compile --kubernetes} and approves
 * everything it writes: per proxy, its four Envoy documents (shown indented), the Kubernetes YAML
 * stream as written, and the manifest. Approved files live in {@code src/test/golden/<policy
 * dir>/}.
 */
class PolicyGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/golden");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static EnvoyValidator validator;
  private static KubernetesValidator kubernetes;

  @BeforeAll
  static void createValidator() {
    validator = EnvoyValidator.create();
    kubernetes = KubernetesValidator.create();
  }

  static List<Path> units() {
    return PolicyUnits.all();
  }

  @Test
  void everyExamplePolicyIsFound() {
    List<String> names = units().stream().map(p -> p.toString().replace('\\', '/')).toList();
    assertTrue(names.contains("callme"), names.toString());
    for (String task :
        List.of(
            "mesh",
            "all-v1",
            "request-routing",
            "traffic-shifting",
            "fault-delay",
            "fault-abort",
            "request-timeouts",
            "circuit-breaking",
            "mirroring")) {
      assertTrue(names.contains("bookinfo/" + task), names.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("units")
  void policy_checksCleanWithoutWarnings(Path unit) {
    RigRun run = RigRun.of("check", "--werror", unit.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("units")
  void policy_compilesToApprovedEnvoyConfig(Path unit, @TempDir Path out) {
    SortedMap<String, byte[]> files = compile(unit, out.resolve("out"));
    Map<String, StringBuilder> byProxy = new TreeMap<>();
    for (var file : files.entrySet()) {
      String path = file.getKey();
      if (path.equals("manifest.json")) {
        continue;
      }
      if (path.startsWith("kubernetes/")) {
        String namespace = path.substring("kubernetes/".length(), path.length() - ".yaml".length());
        ApprovedOutput.verify(
            new String(file.getValue(), StandardCharsets.UTF_8),
            GOLDEN.resolve(unit),
            "kubernetes-" + namespace);
        continue;
      }
      String[] parts = path.split("/"); // envoy/<proxy>/<document>
      assertEquals(3, parts.length, path);
      byProxy
          .computeIfAbsent(parts[1], p -> new StringBuilder())
          .append("=== ")
          .append(path)
          .append(" ===\n")
          .append(OutputTrees.pretty(file.getValue()));
    }
    assertFalse(byProxy.isEmpty(), "no proxies emitted for " + unit);
    Path golden = GOLDEN.resolve(unit);
    for (var proxy : byProxy.entrySet()) {
      ApprovedOutput.verify(proxy.getValue().toString(), golden, proxy.getKey());
    }
    ApprovedOutput.verify(OutputTrees.pretty(files.get("manifest.json")), golden, "manifest");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("units")
  void policy_everyDocumentPassesStrictEnvoyValidation(Path unit, @TempDir Path out) {
    List<String> failures = new ArrayList<>();
    for (var file : compile(unit, out.resolve("out")).entrySet()) {
      if (!file.getKey().startsWith("envoy/")) {
        continue;
      }
      EnvoyType type =
          file.getKey().endsWith("/bootstrap.json")
              ? EnvoyType.BOOTSTRAP
              : EnvoyType.DISCOVERY_RESPONSE;
      List<Violation> violations =
          validator.validate(new String(file.getValue(), StandardCharsets.UTF_8), type);
      violations.forEach(v -> failures.add(file.getKey() + ": " + v));
    }
    assertEquals(List.of(), failures);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("units")
  void policy_everyManifestPassesSchemaAndClientModelValidation(Path unit, @TempDir Path out)
      throws Exception {
    List<String> failures = new ArrayList<>();
    int objects = 0;
    for (var file : compile(unit, out.resolve("out")).entrySet()) {
      if (!file.getKey().startsWith("kubernetes/")) {
        continue;
      }
      try (var parser = YAML.createParser(file.getValue())) {
        List<JsonNode> documents = YAML.readValues(parser, JsonNode.class).readAll();
        for (int i = 0; i < documents.size(); i++, objects++) {
          for (Violation v : kubernetes.validate(documents.get(i))) {
            failures.add(file.getKey() + "[" + i + "]: " + v);
          }
        }
      }
    }
    assertTrue(objects > 0, "no Kubernetes objects for " + unit);
    assertEquals(List.of(), failures);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("units")
  void policy_compilesByteIdenticallyTwice(Path unit, @TempDir Path out) {
    SortedMap<String, byte[]> first = compile(unit, out.resolve("first"));
    SortedMap<String, byte[]> second = compile(unit, out.resolve("second"));
    assertEquals(first.keySet(), second.keySet());
    first.forEach((path, bytes) -> assertArrayEquals(bytes, second.get(path), path));
  }

  private static SortedMap<String, byte[]> compile(Path unit, Path out) {
    RigRun run = RigRun.of("compile", unit.toString(), "--out", out.toString(), "--kubernetes");
    assertEquals(0, run.exitCode(), run.err());
    return OutputTrees.read(out);
  }
}
