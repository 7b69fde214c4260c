package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.emitters.DocumentKind;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.validators.EnvoyType;
import dev.rigging.validators.EnvoyValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every document of every test mesh is one Envoy accepts: typed strictly, every PGV rule met. */
class EnvoyValidityTest {
  private static final EnvoyValidator VALIDATOR = EnvoyValidator.create();

  @Test
  void everyDocumentOfEveryTestMeshValidates() {
    var problems = new ArrayList<String>();
    var meshes = new ArrayList<>(TestMeshes.all());
    meshes.add(ScaleMesh.generate(20));
    for (Mesh mesh : meshes) {
      for (var options :
          List.of(
              EnvoyOptions.defaults(), new EnvoyOptions("/srv/envoy/{proxy}/", "/run/secrets"))) {
        for (EmittedDocument document : new EnvoyEmitter(options).emit(mesh)) {
          for (var violation : VALIDATOR.validate(document.content(), type(document.kind()))) {
            problems.add(
                mesh.name()
                    + " "
                    + document.path()
                    + ": "
                    + violation
                    + " (from "
                    + document.origins().lookup(violation.path()).orElseThrow()
                    + ")");
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** A broken document is caught, and the validator's path leads back to the .mesh source. */
  @Test
  void violationsPointBackAtTheSource() {
    var clusters =
        new EnvoyEmitter(EnvoyOptions.defaults())
            .emit(TestMeshes.trafficPolicy()).stream()
                .filter(d -> d.path().equals("envoy/checkout/clusters.json"))
                .findFirst()
                .orElseThrow();
    // Envoy requires connect_timeout > 0 (a protoc-gen-validate rule).
    String broken =
        clusters
            .content()
            .replaceFirst("\"connect_timeout\":\"0.250s\"", "\"connect_timeout\":\"0s\"");
    var violations = VALIDATOR.validate(broken, EnvoyType.DISCOVERY_RESPONSE);
    assertEquals(1, violations.size(), violations.toString());
    assertEquals("resources[1].connect_timeout", violations.get(0).path());
    var span = clusters.origins().lookup(violations.get(0).path()).orElseThrow();
    assertEquals("policy {", span.file().lineText(span.line()).strip(), violations.toString());
  }

  static EnvoyType type(DocumentKind kind) {
    return switch (kind) {
      case ENVOY_BOOTSTRAP -> EnvoyType.BOOTSTRAP;
      case ENVOY_LISTENERS, ENVOY_CLUSTERS, ENVOY_ROUTES -> EnvoyType.DISCOVERY_RESPONSE;
      case KUBERNETES_MANIFESTS -> throw new IllegalArgumentException("not Envoy: " + kind);
    };
  }
}
