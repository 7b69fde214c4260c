package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.DocumentKind;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.emitters.SourceMap;
import dev.rigging.emitters.envoy.EnvoyEmitter;
import dev.rigging.emitters.envoy.EnvoyOptions;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import dev.rigging.validators.EnvoyType;
import dev.rigging.validators.EnvoyValidator;
import dev.rigging.validators.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvoyValidationTest {
  private static final String MESH =
      """
      mesh demo
      service callme {
        port 8091 http
        version v1 { endpoint 127.0.0.1:9101 }
        version v2 { endpoint 127.0.0.1:9102 }
      }
      """;
  private static final SourceFile SOURCE = SourceFile.of("demo.mesh", MESH);
  private static final Span SERVICE = spanOf("service callme");
  private static final Span VERSION_V2 = spanOf("version v2");
  private static final Span FALLBACK = new Span(SOURCE, 0, 0);

  /** A clusters file whose second cluster has an empty name, which Envoy's API forbids. */
  private static final String CLUSTERS_WITH_EMPTY_NAME =
      """
      {
        "version_info": "1",
        "resources": [
          {"@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster", "name": "callme-v1",
           "type": "STATIC", "connect_timeout": "1s"},
          {"@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster", "name": "",
           "type": "STATIC", "connect_timeout": "1s"}
        ]
      }
      """;

  private static EnvoyValidation validation;

  @BeforeAll
  static void createValidator() {
    validation = new EnvoyValidation(EnvoyValidator.create());
  }

  @Test
  void violationIsReportedAsMesh0901AtTheSpanBehindItsJsonPath() {
    var origins =
        SourceMap.of(SERVICE, Map.of("resources[0]", SERVICE, "resources[1]", VERSION_V2));
    var doc =
        new EmittedDocument(
            "envoy/callme/clusters.json",
            CLUSTERS_WITH_EMPTY_NAME,
            DocumentKind.ENVOY_CLUSTERS,
            origins);

    List<Diagnostic> diagnostics = validation.check(List.of(doc), FALLBACK);

    assertEquals(1, diagnostics.size(), diagnostics.toString());
    Diagnostic d = diagnostics.get(0);
    assertEquals(Code.INVALID_ENVOY_OUTPUT, d.code());
    assertTrue(d.isError());
    assertEquals(VERSION_V2, d.span());
    assertTrue(d.notes().contains("document: envoy/callme/clusters.json"), d.notes().toString());
    assertTrue(d.notes().contains("JSON path: resources[1].name"), d.notes().toString());
    assertTrue(
        d.notes().stream().anyMatch(n -> n.startsWith("Envoy says: ")), d.notes().toString());
  }

  @Test
  void mappingUsesTheLongestRecordedPrefixOfTheViolationPath() {
    var origins = SourceMap.of(SERVICE, Map.of("resources[1]", VERSION_V2));
    var doc =
        new EmittedDocument(
            "envoy/callme/clusters.json", "{}", DocumentKind.ENVOY_CLUSTERS, origins);
    var violation = new Violation("resources[1].load_assignment.endpoints[0]", "value is required");

    Diagnostic d = EnvoyValidation.diagnostic(doc, violation, FALLBACK);

    assertEquals(VERSION_V2, d.span());
    assertEquals("emitted Envoy configuration is invalid: value is required", d.message());
  }

  @Test
  void unmappedPathFallsBackToTheDocumentRootThenToTheMeshsFirstSource() {
    var rooted =
        new EmittedDocument(
            "a.json", "{}", DocumentKind.ENVOY_ROUTES, SourceMap.of(SERVICE, Map.of()));
    var rootless =
        new EmittedDocument(
            "b.json", "{}", DocumentKind.ENVOY_ROUTES, SourceMap.of(null, Map.of()));
    var violation = new Violation("", "unknown field");

    assertEquals(SERVICE, EnvoyValidation.diagnostic(rooted, violation, FALLBACK).span());
    Diagnostic d = EnvoyValidation.diagnostic(rootless, violation, FALLBACK);
    assertEquals(FALLBACK, d.span());
    assertTrue(d.notes().contains("JSON path: <document root>"), d.notes().toString());
  }

  @Test
  void bootstrapIsValidatedAsBootstrapAndXdsFilesAsDiscoveryResponses() {
    assertEquals(EnvoyType.BOOTSTRAP, EnvoyValidation.typeOf(DocumentKind.ENVOY_BOOTSTRAP));
    assertEquals(
        EnvoyType.DISCOVERY_RESPONSE, EnvoyValidation.typeOf(DocumentKind.ENVOY_LISTENERS));
    assertEquals(EnvoyType.DISCOVERY_RESPONSE, EnvoyValidation.typeOf(DocumentKind.ENVOY_CLUSTERS));
    assertEquals(EnvoyType.DISCOVERY_RESPONSE, EnvoyValidation.typeOf(DocumentKind.ENVOY_ROUTES));
  }

  @Test
  void emittedConfigurationOfAValidPolicyPassesValidation() {
    List<EmittedDocument> documents = emit();
    assertEquals(List.of(), validation.check(documents, FALLBACK));
  }

  @Test
  void corruptedEmitterOutputPointsAtTheMeshTextBehindIt() throws Exception {
    // The emitter's own source map, with one value broken after the fact, as an emitter bug would.
    EmittedDocument clusters =
        emit().stream()
            .filter(d -> d.kind() == DocumentKind.ENVOY_CLUSTERS && d.path().contains("/callme/"))
            .findFirst()
            .orElseThrow();
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(clusters.content());
    ((ObjectNode) json.withArray("resources").get(0)).put("name", "");
    var broken =
        new EmittedDocument(clusters.path(), Json.text(json), clusters.kind(), clusters.origins());

    List<Diagnostic> diagnostics = validation.check(List.of(broken), FALLBACK);

    assertEquals(1, diagnostics.size(), diagnostics.toString());
    Span span = diagnostics.get(0).span();
    assertEquals(clusters.origins().lookup("resources[0].name").orElseThrow(), span);
    assertTrue(span.file().path().endsWith("callme.mesh"), span.toString());
    assertNotEquals(FALLBACK, span);
  }

  @Test
  void aProxysDocumentsCheckedTogetherGiveWhatEachGivesAlone() {
    // The bootstrap and clusters.json share every cluster: break the first in both, as an
    // emitter bug would, and the shared parse must still report it in each, at its own path.
    List<EmittedDocument> proxy =
        emit().stream()
            .filter(d -> d.path().startsWith("envoy/callme/"))
            .map(EnvoyValidationTest::emptyFirstClusterName)
            .toList();

    List<Diagnostic> alone =
        proxy.stream().flatMap(d -> validation.check(d, FALLBACK).stream()).toList();

    assertEquals(alone, validation.checkProxy(proxy, FALLBACK));
    assertEquals(2, alone.size(), alone.toString());
    assertTrue(
        alone.get(0).notes().contains("JSON path: static_resources.clusters[0].name"),
        alone.toString());
    assertTrue(alone.get(1).notes().contains("JSON path: resources[0].name"), alone.toString());
  }

  /** The document with its first cluster's name emptied, keeping the text otherwise as it is. */
  private static EmittedDocument emptyFirstClusterName(EmittedDocument doc) {
    String anchor =
        doc.kind() == DocumentKind.ENVOY_BOOTSTRAP
            ? "\"clusters\":[{\"name\":\""
            : "Cluster\",\"name\":\"";
    int at = doc.content().indexOf(anchor);
    if (at < 0) {
      return doc;
    }
    int start = at + anchor.length();
    String broken =
        doc.content().substring(0, start)
            + doc.content().substring(doc.content().indexOf('"', start));
    return new EmittedDocument(doc.path(), broken, doc.kind(), doc.origins());
  }

  private static List<EmittedDocument> emit() {
    Compilation compilation = new Compiler().compile(List.of(policy("callme.mesh")));
    assertTrue(compilation.mesh().isPresent(), compilation.diagnostics().toString());
    return new EnvoyEmitter(EnvoyOptions.defaults()).emit(compilation.mesh().get());
  }

  private static Span spanOf(String text) {
    int start = MESH.indexOf(text);
    return new Span(SOURCE, start, start + text.length());
  }
}
