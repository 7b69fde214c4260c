package dev.rigging.emitters.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.validators.EnvoyType;
import dev.rigging.validators.EnvoyValidator;
import dev.rigging.validators.Violation;
import dev.rigging.validators.kubernetes.KubernetesValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesEmitterTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static KubernetesValidator kubernetes;
  private static EnvoyValidator envoy;

  @TempDir Path dir;

  @BeforeAll
  static void validators() {
    kubernetes = KubernetesValidator.create();
    envoy = EnvoyValidator.create();
  }

  static List<JsonNode> documents(EmittedDocument stream) throws Exception {
    return YAML.readValues(YAML.createParser(stream.content()), JsonNode.class).readAll();
  }

  static List<String> violations(EmittedDocument stream) throws Exception {
    var found = new ArrayList<String>();
    List<JsonNode> docs = documents(stream);
    for (int i = 0; i < docs.size(); i++) {
      for (Violation v : kubernetes.validate(docs.get(i))) {
        found.add("[" + i + "] " + v);
      }
    }
    return found;
  }

  @Test
  void canary_envoySidecar_approved() {
    var emission = new KubernetesEmitter(KubernetesOptions.defaults()).emit(canary());
    assertEquals(List.of(), emission.problems());
    assertEquals(1, emission.manifests().size());
    assertEquals("kubernetes/demo.yaml", emission.manifests().get(0).path());
    Approvals.verify(emission.manifests().get(0).content());
  }

  @Test
  void canary_riggingSidecarInOwnNamespace_approved() {
    var options =
        new KubernetesOptions(
            Optional.of("shop"),
            "cluster.local",
            new Sidecar.Rigging("ghcr.io/rigging/rig:0.1.0"),
            "registry.example/{service}:{version}");
    var emission = new KubernetesEmitter(options).emit(canary());
    assertEquals("kubernetes/shop.yaml", emission.manifests().get(0).path());
    Approvals.verify(emission.manifests().get(0).content());
  }

  @Test
  void canary_gitOpsSidecar_noConfigMaps_configsForTheAgent_approved() throws Exception {
    var options =
        new KubernetesOptions(
            Optional.empty(),
            "cluster.local",
            new Sidecar.RiggingGitOps(
                "rigging/rig:0.1.0", "https://git.example/out.git", "prod", "/meshes/demo/"),
            KubernetesOptions.DEFAULT_IMAGE_TEMPLATE);
    var emission = new KubernetesEmitter(options).emit(canary());
    EmittedDocument stream = emission.manifests().get(0);
    assertEquals(List.of(), violations(stream));
    assertTrue(
        documents(stream).stream().noneMatch(d -> d.path("kind").asText().equals("ConfigMap")));
    assertEquals(emission.proxyConfigs(), emission.gitopsConfigs());
    var found = new ArrayList<String>();
    for (EmittedDocument doc : emission.gitopsConfigs()) {
      assertTrue(doc.path().startsWith("kubernetes/demo/"), doc.path());
      EnvoyType type =
          doc.path().endsWith("/bootstrap.json")
              ? EnvoyType.BOOTSTRAP
              : EnvoyType.DISCOVERY_RESPONSE;
      envoy.validate(doc.content(), type).forEach(v -> found.add(doc.path() + ": " + v));
    }
    assertEquals(List.of(), found);
    var paths = new StringBuilder(stream.content()).append("---\n# agent files\n");
    emission.gitopsConfigs().forEach(d -> paths.append("# ").append(d.path()).append('\n'));
    Approvals.verify(paths.toString());
  }

  @Test
  void canary_passesBothKubernetesValidations() throws Exception {
    var emission = new KubernetesEmitter(KubernetesOptions.defaults()).emit(canary());
    EmittedDocument stream = emission.manifests().get(0);
    assertEquals(List.of(), violations(stream));
    List<JsonNode> docs = documents(stream);
    List<String> kinds = docs.stream().map(d -> d.path("kind").asText()).toList();
    assertEquals(
        List.of(
            "Namespace",
            "ServiceAccount",
            "ServiceAccount",
            "ServiceAccount",
            "ConfigMap",
            "ConfigMap",
            "ConfigMap",
            "ConfigMap",
            "Service",
            "Service",
            "Service",
            "Service",
            "Service",
            "Deployment",
            "Deployment",
            "Deployment",
            "Deployment"),
        kinds);
  }

  @Test
  void canary_proxyConfigsPassEnvoyValidation() {
    var emission = new KubernetesEmitter(KubernetesOptions.defaults()).emit(canary());
    var found = new ArrayList<String>();
    for (EmittedDocument doc : emission.proxyConfigs()) {
      EnvoyType type =
          doc.path().endsWith("/bootstrap.json")
              ? EnvoyType.BOOTSTRAP
              : EnvoyType.DISCOVERY_RESPONSE;
      envoy.validate(doc.content(), type).forEach(v -> found.add(doc.path() + ": " + v));
    }
    assertEquals(16, emission.proxyConfigs().size());
    assertEquals(List.of(), found);
  }

  @Test
  void podOfOneVersion_reachesOnlyItsOwnApp_andPeersByServiceName() {
    var emission = new KubernetesEmitter(KubernetesOptions.defaults()).emit(canary());
    String v1 =
        emission.proxyConfigs().stream()
            .filter(d -> d.path().endsWith("#callme-v1-envoy/bootstrap.json"))
            .findFirst()
            .orElseThrow()
            .content();
    assertTrue(v1.contains("\"address\":\"127.0.0.1\",\"port_value\":9101"), v1);
    assertTrue(!v1.contains("9102"), v1);
    assertTrue(v1.contains("\"address\":\"0.0.0.0\",\"port_value\":8091"), v1);
    String caller =
        emission.proxyConfigs().stream()
            .filter(d -> d.path().endsWith("#caller-envoy/bootstrap.json"))
            .findFirst()
            .orElseThrow()
            .content();
    assertTrue(caller.contains("\"address\":\"callme-v2.demo.svc.cluster.local\""), caller);
    assertTrue(caller.contains("\"address\":\"127.0.0.1\",\"port_value\":15090"), caller);
  }

  @Test
  void sameMesh_sameBytes() {
    var emitter = new KubernetesEmitter(KubernetesOptions.defaults());
    assertEquals(
        emitter.emit(canary()).manifests().get(0).content(),
        emitter.emit(canary()).manifests().get(0).content());
  }

  @Test
  void brokenTemplate_misspelledField_caughtByBothValidators() throws Exception {
    assertBothValidatorsCatch("broken-field", "imagee", "imagee");
  }

  @Test
  void brokenTemplate_wrongType_caughtByBothValidators() throws Exception {
    assertBothValidatorsCatch("broken-type", "containerPort", "\"app\"");
  }

  private void assertBothValidatorsCatch(String folder, String field, String modelSays)
      throws Exception {
    var templates = Templates.withOverrides(KubernetesEmitterTest.class, folder);
    var emission = new KubernetesEmitter(KubernetesOptions.defaults(), templates).emit(canary());
    EmittedDocument stream = emission.manifests().get(0);
    List<String> found = violations(stream);
    assertTrue(
        found.stream().anyMatch(v -> v.contains("JSON Schema") && v.contains(field)),
        found.toString());
    assertTrue(
        found.stream().anyMatch(v -> v.contains("client model") && v.contains(modelSays)),
        found.toString());
    // The violation maps back to the version the Deployment was rendered for.
    List<JsonNode> docs = documents(stream);
    int deployment = docs.size() - 2; // callme-v2, before ingress
    assertEquals("callme-v2", docs.get(deployment).at("/metadata/name").asText());
    var span = stream.origins().lookup("[" + deployment + "].spec.template").orElseThrow();
    assertEquals("v2", span.text());
  }

  @Test
  void underscoreInServiceName_notDeployable() {
    Mesh mesh = Meshes.compile(dir, Meshes.CANARY.replace("caller", "my_caller"));
    List<Diagnostic> problems =
        new KubernetesEmitter(KubernetesOptions.defaults()).emit(mesh).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(Code.NOT_DEPLOYABLE_TO_KUBERNETES, problems.get(0).code());
    assertTrue(problems.get(0).message().contains("`my_caller`"));
  }

  @Test
  void endpointsOnTwoPorts_notDeployable() {
    Mesh mesh =
        Meshes.compile(
            dir,
            Meshes.CANARY.replace(
                "endpoint 127.0.0.1:9101", "endpoint 127.0.0.1:9101\n    endpoint 127.0.0.2:9103"));
    List<Diagnostic> problems =
        new KubernetesEmitter(KubernetesOptions.defaults()).emit(mesh).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message().contains("different ports, 9101 and 9103"));
    assertEquals("127.0.0.2:9103", problems.get(0).span().text().strip());
  }

  @Test
  void serviceNamedLikeAVersion_notDeployable() {
    Mesh mesh =
        Meshes.compile(
            dir,
            Meshes.CANARY
                + "\nservice callme-v1 {\n  port 8092 http\n  endpoint 127.0.0.1:9200\n}\n");
    List<Diagnostic> problems =
        new KubernetesEmitter(KubernetesOptions.defaults()).emit(mesh).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).message().contains("would be named `callme-v1`"), problems.toString());
  }

  @Test
  void endpointOutsideVersions_notDeployable() {
    Mesh mesh =
        Meshes.compile(
            dir,
            Meshes.CANARY.replace("port 8091 http", "port 8091 http\n  endpoint 127.0.0.1:9100"));
    List<Diagnostic> problems =
        new KubernetesEmitter(KubernetesOptions.defaults()).emit(mesh).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message().contains("has versions and also endpoints outside them"));
  }

  @Test
  void endpointOffLoopback_notDeployable() {
    Mesh mesh =
        Meshes.compile(
            dir, Meshes.CANARY.replace("endpoint 127.0.0.1:9090", "endpoint 10.1.2.3:9090"));
    List<Diagnostic> problems =
        new KubernetesEmitter(KubernetesOptions.defaults()).emit(mesh).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .message()
            .contains("`10.1.2.3:9090` of service `caller` is not on loopback"));
  }

  @Test
  void meshNameNotANamespace_suggestsOption() {
    Mesh mesh = Meshes.compile(dir, Meshes.CANARY.replace("mesh demo", "mesh demo_mesh"));
    List<Diagnostic> problems =
        new KubernetesEmitter(KubernetesOptions.defaults()).emit(mesh).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message().contains("cannot name a Kubernetes namespace"));
    var fixed =
        new KubernetesOptions(
            Optional.of("demo"),
            "cluster.local",
            new Sidecar.Envoy(Sidecar.DEFAULT_ENVOY_IMAGE),
            KubernetesOptions.DEFAULT_IMAGE_TEMPLATE);
    assertEquals(List.of(), new KubernetesEmitter(fixed).emit(mesh).problems());
  }

  /** The canary, compiled from a file under the module, so that sources in goldens are stable. */
  private static Mesh canary() {
    return Meshes.compileFile(Path.of("src/test/resources/kubernetes/canary.mesh"));
  }
}
