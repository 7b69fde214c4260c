package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.emitters.DocumentKind;
import dev.rigging.emitters.EmittedDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static final Pattern VERSION = Pattern.compile("\"version_info\":\"([0-9a-f]{16})\"");

  @Test
  void emittingTwiceGivesTheSameBytes() {
    for (Mesh mesh : TestMeshes.all()) {
      var first = new EnvoyEmitter(EnvoyOptions.defaults()).emit(mesh);
      var second = new EnvoyEmitter(EnvoyOptions.defaults()).emit(mesh);
      assertEquals(paths(first), paths(second));
      for (int i = 0; i < first.size(); i++) {
        assertEquals(first.get(i).content(), second.get(i).content(), first.get(i).path());
      }
    }
  }

  @Test
  void proxiesEmittedOneByOneOnManyThreadsGiveTheSameDocuments() {
    for (Mesh mesh : TestMeshes.all()) {
      var emitter = new EnvoyEmitter(EnvoyOptions.defaults());
      var whole = emitter.emit(mesh);
      var proxies = emitter.proxies(mesh);
      // Backwards, in parallel: no proxy's documents depend on another's having been emitted.
      var byProxy =
          proxies.reversed().parallelStream().map(ProxyEmission::emit).toList().reversed();
      assertEquals(contents(whole), contents(byProxy.stream().flatMap(List::stream).toList()));
      assertEquals(
          proxies.stream().map(ProxyEmission::proxy).sorted().toList(),
          proxies.stream().map(ProxyEmission::proxy).toList());
    }
  }

  @Test
  void declarationOrderOfProxiesDoesNotMatter() {
    var mesh = TestMeshes.authz();
    var reversed =
        new Mesh(mesh.name(), mesh.services().reversed(), mesh.gateways(), mesh.inputs());
    var emitter = new EnvoyEmitter(EnvoyOptions.defaults());
    assertEquals(contents(emitter.emit(mesh)), contents(emitter.emit(reversed)));
  }

  @Test
  void documentsAreLaidOutPerProxyInSortedOrder() {
    var documents = new EnvoyEmitter(EnvoyOptions.defaults()).emit(TestMeshes.authz());
    assertEquals(
        List.of(
            "envoy/auditor/bootstrap.json", "envoy/auditor/listeners.json",
            "envoy/auditor/clusters.json", "envoy/auditor/routes.json",
            "envoy/caller/bootstrap.json", "envoy/caller/listeners.json",
            "envoy/caller/clusters.json", "envoy/caller/routes.json",
            "envoy/callme/bootstrap.json", "envoy/callme/listeners.json",
            "envoy/callme/clusters.json", "envoy/callme/routes.json"),
        paths(documents));
    assertEquals(
        List.of(
            DocumentKind.ENVOY_BOOTSTRAP,
            DocumentKind.ENVOY_LISTENERS,
            DocumentKind.ENVOY_CLUSTERS,
            DocumentKind.ENVOY_ROUTES),
        documents.subList(0, 4).stream().map(EmittedDocument::kind).toList());
  }

  @Test
  void textIsCanonical() throws Exception {
    var mapper = new ObjectMapper();
    for (Mesh mesh : TestMeshes.all()) {
      for (var document : new EnvoyEmitter(EnvoyOptions.defaults()).emit(mesh)) {
        String content = document.content();
        assertTrue(content.endsWith("}\n"), document.path());
        // One line: compact JSON, whose only newline is the final one.
        assertEquals(content.length() - 1, content.indexOf('\n'), document.path());
        // Valid JSON, and exactly what Jackson's compact writer makes of it.
        var tree = mapper.readTree(content);
        assertEquals(content, JacksonReference.compact(tree), document.path());
      }
    }
  }

  @Test
  void xdsFilesShareAVersionHashedFromTheirContent() throws Exception {
    for (Mesh mesh : TestMeshes.all()) {
      var documents = new EnvoyEmitter(EnvoyOptions.defaults()).emit(mesh);
      for (int i = 0; i < documents.size(); i += 4) {
        var xds = documents.subList(i + 1, i + 4);
        var versions = new ArrayList<String>();
        var digest = MessageDigest.getInstance("SHA-256");
        for (var document : xds) {
          var matcher = VERSION.matcher(document.content());
          assertTrue(matcher.find(), document.path());
          versions.add(matcher.group(1));
          String unstamped = matcher.replaceFirst("\"version_info\":\"0000000000000000\"");
          digest.update(unstamped.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(1, versions.stream().distinct().count(), xds.get(0).path());
        String expected = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        assertEquals(expected, versions.get(0), xds.get(0).path());
      }
    }
  }

  @Test
  void versionChangesWithContent() {
    var emitter = new EnvoyEmitter(EnvoyOptions.defaults());
    var defaults = emitter.emit(TestMeshes.bookinfoGateway()).get(1).content();
    var moved =
        new EnvoyEmitter(new EnvoyOptions("/other/{proxy}", "/certs/{proxy}"))
            .emit(TestMeshes.bookinfoGateway())
            .get(1)
            .content();
    var a = VERSION.matcher(defaults);
    var b = VERSION.matcher(moved);
    assertTrue(a.find() && b.find());
    assertNotEquals(a.group(1), b.group(1));
  }

  private static List<String> paths(List<EmittedDocument> documents) {
    return documents.stream().map(EmittedDocument::path).toList();
  }

  private static List<String> contents(List<EmittedDocument> documents) {
    return documents.stream().map(d -> d.path() + "\n" + d.content()).toList();
  }
}
