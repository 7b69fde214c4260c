package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A session must give exactly what {@link EnvoyValidator#validate} gives, for every document,
 * whatever it has seen before; these tests compare the two on a proxy-like set of documents that
 * share resources (a bootstrap and the xDS files holding its listeners and clusters, in compact
 * JSON as rig emits them) and on many broken or unusually laid out variants of them.
 */
class ValidationSessionTest {

  private static final EnvoyValidator VALIDATOR = EnvoyValidator.create();
  private static final String CLUSTER = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
  private static final String LISTENER = "type.googleapis.com/envoy.config.listener.v3.Listener";

  /** The bootstrap fixture, compact. */
  private static final String BOOTSTRAP = compact(Fixtures.read("bootstrap-valid.json"));

  /** Its clusters as a DiscoveryResponse. */
  private static final String CLUSTERS = discovery(BOOTSTRAP, "clusters", CLUSTER);

  /** Its listeners as a DiscoveryResponse. */
  private static final String LISTENERS = discovery(BOOTSTRAP, "listeners", LISTENER);

  @Test
  void sharedResourcesAreParsedOnceWithTheSameResults() {
    ValidationSession session = VALIDATOR.session();
    assertSame(session, BOOTSTRAP, EnvoyType.BOOTSTRAP);
    int afterBootstrap = session.resourcesParsed();
    assertEquals(3, afterBootstrap, "one listener and two clusters");
    assertSame(session, CLUSTERS, EnvoyType.DISCOVERY_RESPONSE);
    assertSame(session, LISTENERS, EnvoyType.DISCOVERY_RESPONSE);
    assertEquals(
        afterBootstrap, session.resourcesParsed(), "the xDS files only repeat the bootstrap");
  }

  @Test
  void xdsFilesFirstThenTheBootstrap() {
    ValidationSession session = VALIDATOR.session();
    assertSame(session, CLUSTERS, EnvoyType.DISCOVERY_RESPONSE);
    assertSame(session, LISTENERS, EnvoyType.DISCOVERY_RESPONSE);
    assertSame(session, BOOTSTRAP, EnvoyType.BOOTSTRAP);
    assertEquals(3, session.resourcesParsed());
  }

  @Test
  void fixturesGiveTheSameResults() {
    for (var fixture :
        Map.of(
                "bootstrap-valid.json", EnvoyType.BOOTSTRAP,
                "bootstrap-unknown-field.json", EnvoyType.BOOTSTRAP,
                "discovery-response-invalid-listener.json", EnvoyType.DISCOVERY_RESPONSE,
                "discovery-response-listeners.json", EnvoyType.DISCOVERY_RESPONSE,
                "discovery-response-mixed-types.json", EnvoyType.DISCOVERY_RESPONSE,
                "cluster-empty-name.json", EnvoyType.CLUSTER,
                "route-config-valid.json", EnvoyType.ROUTE_CONFIGURATION)
            .entrySet()) {
      String text = Fixtures.read(fixture.getKey());
      for (String layout : List.of(text, compact(text))) {
        ValidationSession session = primed();
        assertSame(session, layout, fixture.getValue());
        assertSame(session, layout, fixture.getValue()); // again, now from the session
      }
    }
  }

  /**
   * Each variant breaks or bends one resource, identically in the bootstrap and in the xDS file,
   * and is validated by a session that has already seen the intact documents.
   */
  @Test
  void brokenAndUnusualVariantsGiveTheSameResults() {
    List<UnaryOperator<String>> variants =
        List.of(
            // violations found by the rule walk, inside a resource
            s -> s.replace("\"name\":\"checkout-v2\"", "\"name\":\"\""),
            s -> s.replace("\"connect_timeout\":\"0.25s\"", "\"connect_timeout\":\"-1s\""),
            s -> s.replace("\"port_value\":15006", "\"port_value\":70000"),
            // parse failures inside a resource
            s -> s.replace("\"connect_timeout\":\"0.25s\"", "\"conect_timeout\":\"0.25s\""),
            s -> s.replace("\"connect_timeout\":\"0.25s\"", "\"connect_timeout\":25"),
            s -> s.replace("\"lb_policy\":\"ROUND_ROBIN\"", "\"lb_policy\":\"ROUND_ROBINS\""),
            s -> s.replace("StdoutAccessLog", "NoSuchAccessLog"),
            // a resource that is not an object, or not there
            s -> s.replaceFirst("\\{\"name\":\"checkout-v1\"", "null,{\"name\":\"checkout-v1\""),
            s ->
                s.replaceFirst(
                    "\\{\"@type\":\"" + CLUSTER + "\",", "\"x\",{\"@type\":\"" + CLUSTER + "\","),
            s -> s.replace("[{\"name\":\"inbound_http\"", "[{},{\"name\":\"inbound_http\""),
            // resources not where they are expected
            s -> s.replace("\"static_resources\"", "\"staticResources\""),
            s -> s.replace("\"static_resources\"", "\"static\\u005fresources\""),
            s -> s.replace("\"resources\":[", "\"resources\":[],\"nonce\":\"n\",\"resources2\":["),
            // an Any not written as {"@type":...,...}
            s -> s.replace("{\"@type\":\"" + CLUSTER + "\",\"name\"", "{\"name\""),
            s -> s.replace("{\"@type\":\"" + CLUSTER + "\",", "{\"@type\":\"" + CLUSTER + "\" ,"),
            s -> s.replace("\"@type\":\"" + CLUSTER + "\"", "\"@type\":\"" + LISTENER + "\""),
            s ->
                s.replace(
                    "\"@type\":\"" + CLUSTER + "\"",
                    "\"@type\":\"type.googleapis.com/no.such.Type\""),
            s ->
                s.replace(
                    "\"@type\":\"" + CLUSTER + "\"",
                    "\"@type\":\"envoy.config.cluster.v3.Cluster\""),
            s -> s.replace("\"@type\":\"" + CLUSTER + "\"", "\"@type\":\"" + CLUSTER + "/\""),
            s ->
                s.replace(
                    "\"@type\":\"" + CLUSTER + "\"",
                    "\"@type\":\"type.googleapis.com/google.protobuf.Duration\""),
            // a declared type_url the resources must match
            s ->
                s.replace(
                    "{\"version_info\":\"1\",",
                    "{\"version_info\":\"1\",\"type_url\":\"" + LISTENER + "\","),
            // escapes and brackets inside strings, which the slicing must step over
            s -> s.replace("\"name\":\"checkout-v1\"", "\"name\":\"c\\\\\\\"v1[{\\\\\""),
            // a duplicate key, which the syntax check rejects
            s -> s.replace("\"name\":\"checkout-v1\"", "\"name\":\"checkout-v1\",\"name\":\"x\""),
            // clusters before listeners
            ValidationSessionTest::clustersFirst,
            // whitespace between tokens
            s -> s.replace(",", ", ").replace(":", ": "));
    int changed = 0;
    for (UnaryOperator<String> variant : variants) {
      for (var document :
          Map.of(
                  BOOTSTRAP,
                  EnvoyType.BOOTSTRAP,
                  CLUSTERS,
                  EnvoyType.DISCOVERY_RESPONSE,
                  LISTENERS,
                  EnvoyType.DISCOVERY_RESPONSE)
              .entrySet()) {
        String text = variant.apply(document.getKey());
        if (!text.equals(document.getKey())) {
          changed++;
        }
        assertSame(primed(), text, document.getValue());
      }
    }
    assertTrue(changed >= variants.size(), "every variant changes some document: " + changed);
  }

  @Test
  void aViolationInASharedResourceIsReportedAtItsPathInEachDocument() {
    UnaryOperator<String> emptyName = s -> s.replace("\"name\":\"checkout-v2\"", "\"name\":\"\"");
    ValidationSession session = VALIDATOR.session();
    List<Violation> inBootstrap = session.validate(emptyName.apply(BOOTSTRAP), EnvoyType.BOOTSTRAP);
    List<Violation> inClusters =
        session.validate(emptyName.apply(CLUSTERS), EnvoyType.DISCOVERY_RESPONSE);
    assertEquals(
        List.of("static_resources.clusters[1].name"),
        inBootstrap.stream().map(Violation::path).toList());
    assertEquals(List.of("resources[1].name"), inClusters.stream().map(Violation::path).toList());
    assertFalse(inClusters.get(0).message().isEmpty());
  }

  /**
   * The rule walk of a resource is made once per session: the xDS files take the bootstrap's, with
   * each violation's path moved to where the resource sits in them.
   */
  @Test
  void sharedResourcesAreWalkedOnceWithTheSameViolations() {
    List<UnaryOperator<String>> variants =
        List.of(
            UnaryOperator.identity(),
            s -> s.replace("\"name\":\"checkout-v2\"", "\"name\":\"\""),
            s -> s.replace("\"connect_timeout\":\"0.25s\"", "\"connect_timeout\":\"-1s\""),
            s -> s.replace("\"port_value\":15006", "\"port_value\":70000"),
            s ->
                s.replace("\"port_value\":15006", "\"port_value\":70000")
                    .replace("\"name\":\"checkout-v2\"", "\"name\":\"\""));
    int violations = 0;
    for (UnaryOperator<String> variant : variants) {
      ValidationSession session = VALIDATOR.session();
      assertSame(session, variant.apply(BOOTSTRAP), EnvoyType.BOOTSTRAP);
      assertEquals(0, session.walksFound(), "nothing repeats within the bootstrap");
      assertSame(session, variant.apply(CLUSTERS), EnvoyType.DISCOVERY_RESPONSE);
      assertSame(session, variant.apply(LISTENERS), EnvoyType.DISCOVERY_RESPONSE);
      assertEquals(3, session.walksFound(), "two clusters and one listener");
      violations +=
          VALIDATOR.validate(variant.apply(CLUSTERS), EnvoyType.DISCOVERY_RESPONSE).size();
      violations +=
          VALIDATOR.validate(variant.apply(LISTENERS), EnvoyType.DISCOVERY_RESPONSE).size();
    }
    assertTrue(violations >= 4, "the variants have violations to move: " + violations);
  }

  @Test
  void sharedResourcesAreSyntaxCheckedOnce() {
    ValidationSession session = VALIDATOR.session();
    assertSame(session, BOOTSTRAP, EnvoyType.BOOTSTRAP);
    assertEquals(0, session.syntaxChecksSkipped());
    assertSame(session, CLUSTERS, EnvoyType.DISCOVERY_RESPONSE);
    assertSame(session, LISTENERS, EnvoyType.DISCOVERY_RESPONSE);
    assertEquals(3, session.syntaxChecksSkipped(), "two clusters and one listener");
    // And the other way round: a bootstrap after the xDS files.
    session = VALIDATOR.session();
    assertSame(session, CLUSTERS, EnvoyType.DISCOVERY_RESPONSE);
    assertSame(session, LISTENERS, EnvoyType.DISCOVERY_RESPONSE);
    assertSame(session, BOOTSTRAP, EnvoyType.BOOTSTRAP);
    assertEquals(3, session.syntaxChecksSkipped());
  }

  /**
   * Two things make a text that passed in one place fail in another: an {@code "@type"} member,
   * which beside an {@code Any}'s own is a duplicate key, and nesting, which the check limits from
   * the document root (a bootstrap's resources sit one level deeper than an xDS file's).
   */
  @Test
  void aKnownTextIsCheckedAgainWhereItsPlaceMakesItFail() {
    UnaryOperator<String> typed =
        s ->
            s.replace(
                "{\"name\":\"checkout-v2\",\"type\"",
                "{\"@type\":\"x\",\"name\":\"checkout-v2\",\"type\"");
    ValidationSession session = VALIDATOR.session();
    assertSame(session, typed.apply(BOOTSTRAP), EnvoyType.BOOTSTRAP);
    String clusters =
        CLUSTERS.replace(
            "{\"@type\":\"" + CLUSTER + "\",\"name\":\"checkout-v2\",\"type\"",
            "{\"@type\":\"" + CLUSTER + "\",\"@type\":\"x\",\"name\":\"checkout-v2\",\"type\"");
    assertTrue(
        VALIDATOR
            .validate(clusters, EnvoyType.DISCOVERY_RESPONSE)
            .get(0)
            .message()
            .contains("duplicate key"));
    assertSame(session, clusters, EnvoyType.DISCOVERY_RESPONSE);

    // Nested as deep as an xDS file allows: one level too deep for the bootstrap.
    String deep =
        "\"metadata\":{\"filter_metadata\":{\"x\":"
            + "[".repeat(StrictJsonSyntax.MAX_DEPTH - 5)
            + "]".repeat(StrictJsonSyntax.MAX_DEPTH - 5)
            + "}},";
    UnaryOperator<String> nested =
        s ->
            s.replace(
                "\"name\":\"checkout-v2\",\"type\"",
                "\"name\":\"checkout-v2\"," + deep + "\"type\"");
    session = VALIDATOR.session();
    String deepClusters = nested.apply(CLUSTERS);
    String deepBootstrap = nested.apply(BOOTSTRAP);
    assertTrue(
        VALIDATOR.validate(deepClusters, EnvoyType.DISCOVERY_RESPONSE).stream()
            .noneMatch(v -> v.message().contains("nesting")));
    assertTrue(
        VALIDATOR
            .validate(deepBootstrap, EnvoyType.BOOTSTRAP)
            .get(0)
            .message()
            .contains("nesting deeper"));
    assertSame(session, deepClusters, EnvoyType.DISCOVERY_RESPONSE);
    assertSame(session, deepBootstrap, EnvoyType.BOOTSTRAP);
    assertEquals(1, session.syntaxChecksSkipped(), "the other cluster only");
  }

  /**
   * Objects inside resources are checked once per session too, and an object's syntax depends on
   * its own text, but for nesting: one that passed near the top fails deeper where the limit is
   * reached, and one with a duplicate key fails each time.
   */
  @Test
  void objectsInsideResources_areCheckedOnceButWhereTheirNestingFails() {
    int nesting = StrictJsonSyntax.MAX_DEPTH - 4;
    String object =
        "{\"padding\":\""
            + "x".repeat(64)
            + "\",\"x\":"
            + "[".repeat(nesting - 1)
            + "]".repeat(nesting - 1)
            + "}";
    // The first resource holds it at depth 3, where it fits; the second two levels deeper.
    String json = "{\"resources\":[{\"a\":" + object + "},{\"b\":{\"c\":{\"d\":" + object + "}}}]}";
    Set<String> paths = Set.of("resources");
    SyntaxMemo memo = new SyntaxMemo();
    Violation tooDeep = StrictJsonSyntax.check(json);
    assertTrue(tooDeep.message().contains("nesting deeper"), tooDeep.toString());
    assertEquals(tooDeep, StrictJsonSyntax.scan(json, paths, "resources", memo).violation());
    assertEquals(1, memo.objects().found(), "known, and checked again all the same");

    String fits = json.replace("{\"b\":{\"c\":{\"d\":" + object + "}}}", "{\"b\":" + object + "}");
    memo = new SyntaxMemo();
    assertEquals(null, StrictJsonSyntax.scan(fits, paths, "resources", memo).violation());
    assertEquals(1, memo.objects().found());

    String duplicate = object.replace("{\"padding\"", "{\"x\":1,\"padding\"");
    String twice = "{\"resources\":[{\"a\":" + duplicate + "},{\"b\":" + duplicate + "}]}";
    memo = new SyntaxMemo();
    assertEquals(
        StrictJsonSyntax.check(twice),
        StrictJsonSyntax.scan(twice, paths, "resources", memo).violation());
    assertEquals(0, memo.objects().found());
  }

  /** The syntax check finds the resources where {@link JsonSlices} finds them. */
  @Test
  void theScanFindsWhatTheSlicesFind() {
    List<String> documents =
        List.of(
            BOOTSTRAP,
            CLUSTERS,
            LISTENERS,
            clustersFirst(BOOTSTRAP),
            BOOTSTRAP.replace(",", ", ").replace(":", " : "),
            CLUSTERS.replace("[", "[ 1, \"s\", null, [], ").replace(",", " ,\n"),
            "{\"resources\":[]}",
            "{\"resources\":{}}",
            "[]",
            "{\"static_resources\":{\"listeners\":[{\"a\":[{\"b\":[[{}]]}]}],\"x\":[1]}}");
    for (String json : documents) {
      for (EnvoyType type : List.of(EnvoyType.BOOTSTRAP, EnvoyType.DISCOVERY_RESPONSE)) {
        var paths = ResourceCache.paths(type);
        var scan = StrictJsonSyntax.scan(json, paths, "resources", new SyntaxMemo());
        assertEquals(null, scan.violation(), json);
        assertEquals(JsonSlices.arrays(json, paths), scan.arrays(), json);
      }
    }
    var broken = "{\"resources\":[{\"a\":1,\"a\":2}]}";
    assertEquals(
        StrictJsonSyntax.check(broken),
        StrictJsonSyntax.scan(broken, Set.of("resources"), "resources", new SyntaxMemo())
            .violation());
  }

  @Test
  void aWalkMovesItsViolationsUnderAnyPath() {
    var memo = new WalkMemo(Set.of(EnvoyType.CLUSTER.descriptor()));
    byte[] bytes = {8, 1};
    var type = EnvoyType.CLUSTER.descriptor();
    var first = ViolationPath.ROOT.field("static_resources").field("clusters").index(2);
    memo.remember(
        type,
        bytes,
        0,
        2,
        first,
        List.of(
            new Violation("static_resources.clusters[2]", "at the resource"),
            new Violation("static_resources.clusters[2].name", "in a field"),
            new Violation("static_resources.clusters[2].hosts[0]", "in an element")));
    var walked = memo.find(type, new byte[] {0, 8, 1}, 1, 3);
    List<Violation> out = new ArrayList<>();
    walked.replay(ViolationPath.ROOT.field("resources").index(0), out);
    walked.replay(ViolationPath.ROOT, out);
    assertEquals(
        List.of(
            "resources[0]", "resources[0].name", "resources[0].hosts[0]", "", "name", "hosts[0]"),
        out.stream().map(Violation::path).toList());
    assertEquals(null, memo.find(type, new byte[] {8, 2}, 0, 2));
  }

  /** A session that has seen the intact documents. */
  private static ValidationSession primed() {
    ValidationSession session = VALIDATOR.session();
    session.validate(BOOTSTRAP, EnvoyType.BOOTSTRAP);
    session.validate(CLUSTERS, EnvoyType.DISCOVERY_RESPONSE);
    session.validate(LISTENERS, EnvoyType.DISCOVERY_RESPONSE);
    return session;
  }

  private static void assertSame(ValidationSession session, String json, EnvoyType type) {
    List<Violation> expected = VALIDATOR.validate(json, type);
    assertEquals(expected, session.validate(json, type), () -> type + " " + json);
  }

  /** Removes whitespace between tokens. */
  static String compact(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code {"version_info":"1","resources":[...]}} of the bootstrap's resources, each text copied
   * as it is.
   */
  private static String discovery(String bootstrap, String list, String typeUrl) {
    List<String> texts = new ArrayList<>();
    for (JsonSlices.Slice resource : staticResources(bootstrap).get("static_resources." + list)) {
      texts.add(
          "{\"@type\":\""
              + typeUrl
              + "\","
              + bootstrap.substring(resource.start() + 1, resource.end()));
    }
    return "{\"version_info\":\"1\",\"resources\":[" + String.join(",", texts) + "]}";
  }

  private static Map<String, List<JsonSlices.Slice>> staticResources(String bootstrap) {
    return JsonSlices.arrays(
        bootstrap, Set.of("static_resources.listeners", "static_resources.clusters"));
  }

  /** The text of the array holding {@code elements}. */
  private static String text(String json, List<JsonSlices.Slice> elements) {
    return json.substring(
        json.lastIndexOf('[', elements.get(0).start()),
        json.indexOf(']', elements.get(elements.size() - 1).end()) + 1);
  }

  /** The bootstrap with its clusters listed before its listeners. */
  private static String clustersFirst(String json) {
    if (!json.contains("\"static_resources\":{\"listeners\":")) {
      return json;
    }
    var lists = staticResources(json);
    String listeners = text(json, lists.get("static_resources.listeners"));
    String clusters = text(json, lists.get("static_resources.clusters"));
    return json.replace(
        "\"listeners\":" + listeners + ",\"clusters\":" + clusters,
        "\"clusters\":" + clusters + ",\"listeners\":" + listeners);
  }
}
