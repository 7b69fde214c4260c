package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.emitters.EmittedDocument;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

/**
 * The emitted documents of each test mesh, approved after reading them. A change to the output
 * shows up here as a diff against the {@code .approved.txt} file beside this class. Documents are
 * emitted as compact JSON; they are approved re-indented so that reviewers read indented JSON.
 * Re-indenting changes only whitespace, and {@link DeterminismTest} holds the compact text to
 * exactly what Jackson writes for the same tree, so the approved files pin the bytes too.
 */
class EnvoyGoldenTest {

  @Test
  void canary() {
    Approvals.verify(render(TestMeshes.canary(), EnvoyOptions.defaults()));
  }

  @Test
  void authz() {
    Approvals.verify(render(TestMeshes.authz(), EnvoyOptions.defaults()));
  }

  @Test
  void bookinfoGateway() {
    Approvals.verify(render(TestMeshes.bookinfoGateway(), EnvoyOptions.defaults()));
  }

  @Test
  void trafficPolicy() {
    Approvals.verify(render(TestMeshes.trafficPolicy(), EnvoyOptions.defaults()));
  }

  @Test
  void routeFeatures() {
    Approvals.verify(render(TestMeshes.routeFeatures(), EnvoyOptions.defaults()));
  }

  @Test
  void customDirectories() {
    var options = new EnvoyOptions("/srv/envoy/{proxy}/", "/run/secrets");
    Approvals.verify(render(TestMeshes.bookinfoGateway(), options));
  }

  static String render(Mesh mesh, EnvoyOptions options) {
    var text = new StringBuilder();
    for (EmittedDocument document : new EnvoyEmitter(options).emit(mesh)) {
      text.append("=== ")
          .append(document.path())
          .append(" (")
          .append(document.kind())
          .append(")\n")
          .append(JacksonReference.pretty(document.content()));
    }
    return text.toString();
  }
}
