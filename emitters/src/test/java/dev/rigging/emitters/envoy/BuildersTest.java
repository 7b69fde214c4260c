package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.compiler.ir.StringMatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The small pieces whose correctness the goldens show only by example. */
class BuildersTest {

  @Test
  void fractionalPercentUsesTheCoarsestExactDenominator() {
    assertEquals(
        "{\"numerator\":10,\"denominator\":\"HUNDRED\"}",
        json(out -> Fractions.fractionalPercent(out, Ir.percent("10"))));
    assertEquals(
        "{\"numerator\":50,\"denominator\":\"TEN_THOUSAND\"}",
        json(out -> Fractions.fractionalPercent(out, Ir.percent("0.5"))));
    assertEquals(
        "{\"numerator\":1,\"denominator\":\"MILLION\"}",
        json(out -> Fractions.fractionalPercent(out, Ir.percent("0.0001"))));
    assertEquals(
        "{\"numerator\":100,\"denominator\":\"HUNDRED\"}",
        json(out -> Fractions.fractionalPercent(out, Percent.HUNDRED)));
  }

  @Test
  void weightsStayExact() {
    assertEquals(10_000, Fractions.weightUnit(List.of(Ir.percent("80"), Ir.percent("20"))));
    assertEquals(1_000, Fractions.weightUnit(List.of(Ir.percent("12.5"), Ir.percent("87.5"))));
    assertEquals(1, Fractions.weightUnit(List.of(Ir.percent("33.3333"), Ir.percent("66.6667"))));
    assertEquals(10_000, Fractions.weightUnit(List.of(Percent.ZERO, Percent.HUNDRED)));
  }

  @Test
  void ejectionPercentRoundsUp() {
    assertEquals(13, Fractions.wholePercentRoundedUp(Ir.percent("12.5")));
    assertEquals(12, Fractions.wholePercentRoundedUp(Ir.percent("12")));
    assertEquals(1, Fractions.wholePercentRoundedUp(Ir.percent("0.0001")));
    assertEquals(0, Fractions.wholePercentRoundedUp(Percent.ZERO));
  }

  @Test
  void ipLiteralsAreTold() {
    assertTrue(ClusterBuilder.isIpLiteral("10.0.0.1"));
    assertTrue(ClusterBuilder.isIpLiteral("fd00::1"));
    assertFalse(ClusterBuilder.isIpLiteral("db.internal"));
    assertFalse(ClusterBuilder.isIpLiteral("1.2.3"));
    assertFalse(ClusterBuilder.isIpLiteral("1.2.3.4.5"));
    assertFalse(ClusterBuilder.isIpLiteral("1234.2.3.4"));
    assertFalse(ClusterBuilder.isIpLiteral("10.0.0.x"));
  }

  @Test
  void absentQueryParameterMatchesOnlyWithoutTheKey() throws Exception {
    var node = tree(out -> HeaderMatchers.queryParameterAbsent(out, "de.bug"));
    assertEquals(":path", node.get("name").asText());
    assertTrue(node.get("invert_match").asBoolean());
    // The regex says "has the key"; the matcher inverts it.
    var hasKey = Pattern.compile(node.get("string_match").get("safe_regex").get("regex").asText());
    for (String path : List.of("/a?de.bug", "/a?de.bug=1", "/a?x=1&de.bug", "/a?x&de.bug=&y")) {
      assertTrue(hasKey.matches(path), path);
    }
    for (String path :
        List.of("/a", "/a?", "/de.bug", "/a?de.bugs=1", "/a?xde.bug", "/a?deXbug", "/a?x=de.bug")) {
      assertFalse(hasKey.matches(path), path);
    }
  }

  @Test
  void severalMethodsAreOneAnchoredAlternation() throws Exception {
    var node = tree(out -> HeaderMatchers.methods(out, List.of("GET", "HEAD")));
    assertEquals("^(GET|HEAD)$", node.get("string_match").get("safe_regex").get("regex").asText());
    assertEquals(
        "{\"name\":\":method\",\"string_match\":{\"exact\":\"GET\"}}",
        json(out -> HeaderMatchers.methods(out, List.of("GET"))));
  }

  @Test
  void presenceIsNotAStringMatch() {
    assertThrows(
        IllegalArgumentException.class,
        () -> HeaderMatchers.stringMatcher(new CompactJson(), new StringMatch.Present()));
    assertThrows(IllegalArgumentException.class, () -> RouteActions.redirectCode(305));
  }

  @Test
  void optionsFillInTheProxy() {
    var options = EnvoyOptions.defaults();
    assertEquals("/etc/rigging/envoy/web/routes.json", options.configFile("web", "routes.json"));
    assertEquals("/etc/rigging/certs/web/ca.pem", options.certFile("web", "ca.pem"));
    assertEquals("/x/ca.pem", new EnvoyOptions("/c", "/x/").certFile("web", "ca.pem"));
    assertThrows(IllegalArgumentException.class, () -> new EnvoyOptions(" ", "/x"));
  }

  private static String json(Consumer<CompactJson> writer) {
    return new String(Fragment.of(writer).bytes(), StandardCharsets.UTF_8);
  }

  private static JsonNode tree(Consumer<CompactJson> writer) throws Exception {
    return JacksonReference.parse(json(writer));
  }
}
