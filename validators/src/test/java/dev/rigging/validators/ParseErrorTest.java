package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Documents that do not parse: each yields one violation, located, and never an exception. */
class ParseErrorTest {

  private static final EnvoyValidator VALIDATOR = EnvoyValidator.create();

  private static Violation single(String json, EnvoyType type) {
    List<Violation> violations = VALIDATOR.validate(json, type);
    assertEquals(1, violations.size(), () -> "violations: " + violations);
    return violations.get(0);
  }

  private static void assertViolation(Violation violation, String path, String text) {
    assertEquals(path, violation.path(), violation::toString);
    assertTrue(violation.message().contains(text), violation::toString);
  }

  @Test
  void malformedJson_isRejectedWithThePathWhereItBroke() {
    String json =
        "{\"name\": \"c\", \"load_assignment\": {\"cluster_name\": \"c\" \"endpoints\": []}}";
    assertViolation(
        single(json, EnvoyType.CLUSTER), "load_assignment.cluster_name", "expected ',' or '}'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": \"c\" /* comment */}",
        "{'name': 'c'}",
        "{name: \"c\"}",
        "{\"name\": \"c\"} trailing",
        "{\"name\": \"c\",}",
        "{\"per_connection_buffer_limit_bytes\": 012}",
        "{\"name\": \"tab\there\"}",
        ""
      })
  void jsonThatProtobufWouldReadLeniently_isRejected(String json) {
    assertTrue(single(json, EnvoyType.CLUSTER).message().startsWith("invalid JSON"));
  }

  @Test
  void duplicateKey_isRejected() {
    assertViolation(
        single("{\"name\": \"a\", \"name\": \"b\"}", EnvoyType.CLUSTER),
        "name",
        "duplicate key \"name\"");
  }

  @Test
  void duplicateKeyInLargeObject_isRejected() {
    StringBuilder json =
        new StringBuilder("{\"name\": \"c\", \"metadata\": {\"filter_metadata\": {");
    for (int i = 0; i < 40; i++) {
      json.append("\"k").append(i).append("\": {}, ");
    }
    json.append("\"k7\": {}}}}");
    assertViolation(
        single(json.toString(), EnvoyType.CLUSTER),
        "metadata.filter_metadata.k7",
        "duplicate key \"k7\"");
  }

  @Test
  void undefinedEnumName_isRejectedAtTheField() {
    assertViolation(
        single("{\"name\": \"c\", \"lb_policy\": \"FASTEST\"}", EnvoyType.CLUSTER),
        "lb_policy",
        "Invalid enum value: \"FASTEST\"");
  }

  @Test
  void wrongScalarType_isRejectedDeepInsideRepeatedFields() {
    String json =
        """
        {"name": "c", "load_assignment": {"cluster_name": "c", "endpoints": [{"lb_endpoints": [
          {"endpoint": {"address": {"socket_address": {"address": "10.0.0.1", "port_value": 80}}}},
          {"endpoint": {"address": {"socket_address": {"address": "10.0.0.2", "port_value": "http"}}}}]}]}}
        """;
    assertViolation(
        single(json, EnvoyType.CLUSTER),
        "load_assignment.endpoints[0].lb_endpoints[1].endpoint.address.socket_address.port_value",
        "Not an uint32 value");
  }

  @Test
  void malformedDuration_isRejectedAtTheField() {
    assertViolation(
        single("{\"name\": \"c\", \"connect_timeout\": \"soon\"}", EnvoyType.CLUSTER),
        "connect_timeout",
        "Failed to parse duration");
  }

  @Test
  void twoMembersOfOneOneof_areRejectedAtTheirMessage() {
    String json =
        """
        {"name": "r", "virtual_hosts": [{"name": "v", "domains": ["*"], "routes": [
          {"match": {"prefix": "/"}, "route": {"cluster": "a", "weighted_clusters": {"clusters": [{"name": "a", "weight": 1}]}}}]}]}
        """;
    assertViolation(
        single(json, EnvoyType.ROUTE_CONFIGURATION),
        "virtual_hosts[0].routes[0].route",
        "belonging to the same oneof");
  }

  @Test
  void badValueInsideMap_isRejectedAtTheMapKey() {
    String json =
        """
        {"name": "c", "typed_extension_protocol_options": {"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
          "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
          "explicit_http_config": {"http2_protocol_options": {"max_concurrent_streams": -1}}}}}
        """;
    assertViolation(
        single(json, EnvoyType.CLUSTER),
        "typed_extension_protocol_options[\"envoy.extensions.upstreams.http.v3.HttpProtocolOptions\"]"
            + ".explicit_http_config.http2_protocol_options.max_concurrent_streams",
        "Out of range uint32 value");
  }

  @Test
  void anyWithoutType_isRejectedAtTheAny() {
    String json =
        "{\"name\": \"c\", \"transport_socket\": {\"name\": \"tls\", \"typed_config\": {\"sni\":"
            + " \"x\"}}}";
    assertViolation(single(json, EnvoyType.CLUSTER), "transport_socket.typed_config", "type url");
  }

  @Test
  void nonObjectDocument_isRejectedAtTheRoot() {
    assertViolation(single("[1, 2]", EnvoyType.BOOTSTRAP), "", "Expect message object");
  }
}
