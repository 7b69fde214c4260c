package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Service;
import dev.rigging.emitters.EmittedDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sidecar compiled from the reduced mesh is the sidecar compiled from the whole one. */
class SidecarViewTest {
  @Test
  void everySidecarOfEveryTestMesh_isTheSameFromItsView() {
    int compared = 0;
    for (Mesh mesh : TestMeshes.all()) {
      var emitter = new EnvoyEmitter(EnvoyOptions.defaults());
      for (Service service : mesh.services()) {
        Mesh view = EnvoyEmitter.sidecarView(mesh, service.name());
        assertTrue(view.services().size() <= mesh.services().size());
        assertEquals(contents(emitter, mesh, service), contents(emitter, view, service));
        compared++;
      }
    }
    assertTrue(compared > 5, "compared " + compared);
  }

  private static List<String> contents(EnvoyEmitter emitter, Mesh mesh, Service service) {
    return emitter.proxies(mesh).stream()
        .filter(p -> p.proxy().equals(service.name()))
        .findFirst()
        .orElseThrow()
        .emit()
        .stream()
        .map(EmittedDocument::content)
        .toList();
  }
}
