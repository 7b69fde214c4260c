package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** End-to-end behaviour on realistic documents: what passes, what is rejected, and where. */
class EnvoyValidatorTest {

  private static final EnvoyValidator VALIDATOR = EnvoyValidator.create();
  private static final String HCM = "filter_chains[0].filters[0].typed_config";

  private static List<Violation> validate(String fixture, EnvoyType type) {
    return VALIDATOR.validate(Fixtures.read(fixture), type);
  }

  /** Asserts the only violation is at {@code path} and its message contains {@code text}. */
  private static void assertSingle(List<Violation> violations, String path, String text) {
    assertEquals(1, violations.size(), () -> "violations: " + violations);
    assertEquals(path, violations.get(0).path());
    assertTrue(
        violations.get(0).message().contains(text),
        () -> "message: " + violations.get(0).message());
  }

  @Test
  void realisticBootstrap_passes() {
    assertEquals(List.of(), validate("bootstrap-valid.json", EnvoyType.BOOTSTRAP));
  }

  @Test
  void listenerClusterAndRouteDocuments_passAsTheirOwnTypes() {
    assertEquals(List.of(), validate("cluster-valid.json", EnvoyType.CLUSTER));
    assertEquals(List.of(), validate("route-config-valid.json", EnvoyType.ROUTE_CONFIGURATION));
    assertEquals(
        List.of(), validate("discovery-response-listeners.json", EnvoyType.DISCOVERY_RESPONSE));
  }

  @Test
  void documentOfAnotherType_isRejectedAtItsFirstForeignField() {
    assertSingle(
        validate("cluster-valid.json", EnvoyType.LISTENER), "type", "Cannot find field: type");
  }

  @Test
  void unknownField_isRejectedWithPath() {
    assertSingle(
        validate("bootstrap-unknown-field.json", EnvoyType.BOOTSTRAP),
        "static_resources.clusters[1].conect_timeout",
        "Cannot find field: conect_timeout");
  }

  @Test
  void unknownFieldInsideTypedConfig_isRejectedWithPathThroughTheAny() {
    assertSingle(
        validate("listener-unknown-field-in-typed-config.json", EnvoyType.LISTENER),
        HCM + ".stat_prefx",
        "Cannot find field: stat_prefx");
  }

  @Test
  void unresolvableType_isRejectedAtTheAny() {
    assertSingle(
        validate("listener-unresolvable-type.json", EnvoyType.LISTENER),
        HCM + ".http_filters[1].typed_config",
        "@type type.googleapis.com/envoy.extensions.filters.http.no_such_filter.v3.NoSuchFilter"
            + " cannot be resolved");
  }

  @Test
  void clusterWithEmptyName_violatesMinLen() {
    assertSingle(
        validate("cluster-empty-name.json", EnvoyType.CLUSTER),
        "name",
        "value length must be at least 1 runes");
  }

  @Test
  void weightedClusterWithoutClusters_violatesMinItems() {
    assertSingle(
        validate("route-config-weighted-clusters-empty.json", EnvoyType.ROUTE_CONFIGURATION),
        "virtual_hosts[0].routes[0].route.weighted_clusters.clusters",
        "value must contain at least 1 item(s)");
  }

  @Test
  void negativeRouteTimeout_isRejectedAsEnvoyDoes() {
    assertSingle(
        validate("route-config-negative-timeout.json", EnvoyType.ROUTE_CONFIGURATION),
        "virtual_hosts[0].routes[2].route.timeout",
        "duration must not be negative");
  }

  @Test
  void directResponseStatusOutOfRange_violatesUint32Range() {
    assertSingle(
        validate("route-config-direct-response-status.json", EnvoyType.ROUTE_CONFIGURATION),
        "virtual_hosts[0].routes[1].direct_response.status",
        "value must be inside range [200, 600)");
  }

  @Test
  void faultAbortStatusOutOfRange_violatesRangeInsideTypedConfig() {
    assertSingle(
        validate("listener-fault-abort-status.json", EnvoyType.LISTENER),
        HCM + ".http_filters[0].typed_config.abort.http_status",
        "value must be inside range [200, 600)");
  }

  @Test
  void headerNameWithCrLf_violatesLooseHeaderNameRegex() {
    assertSingle(
        validate("route-config-header-name-crlf.json", EnvoyType.ROUTE_CONFIGURATION),
        "virtual_hosts[0].routes[0].request_headers_to_add[0].header.key",
        "does not match regex pattern");
  }

  @Test
  void headerNameWithSpace_violatesStrictHeaderNameRegexInsideMapValue() {
    assertSingle(
        validate("cluster-strict-header-name.json", EnvoyType.CLUSTER),
        "typed_extension_protocol_options[\"envoy.extensions.upstreams.http.v3.HttpProtocolOptions\"]"
            + ".upstream_http_protocol_options.override_auto_sni_header",
        "does not match regex pattern");
  }

  @Test
  void routeWithoutAction_violatesRequiredOneof() {
    assertSingle(
        validate("route-config-route-without-action.json", EnvoyType.ROUTE_CONFIGURATION),
        "virtual_hosts[0].routes[2]",
        "(oneof action)");
  }

  @Test
  void fractionalPercentWithUndefinedDenominator_violatesDefinedOnly() {
    assertSingle(
        validate("listener-fractional-percent-undefined-denominator.json", EnvoyType.LISTENER),
        HCM + ".http_filters[0].typed_config.delay.percentage.denominator",
        "value must be one of the defined enum values");
  }

  @Test
  void extensionNotPreloaded_isResolvedOnDemandAndValidated() {
    assertSingle(
        validate("listener-on-demand-extension.json", EnvoyType.LISTENER),
        HCM + ".http_filters[0].typed_config.stat_prefix",
        "value length must be at least 1 runes");
  }

  @Test
  void discoveryResponse_validatesItsInnerResources() {
    assertSingle(
        validate("discovery-response-invalid-listener.json", EnvoyType.DISCOVERY_RESPONSE),
        "resources[1]." + HCM + ".stat_prefix",
        "value length must be at least 1 runes");
  }

  @Test
  void discoveryResponseWithResourceOfAnotherType_isRejected() {
    assertSingle(
        validate("discovery-response-mixed-types.json", EnvoyType.DISCOVERY_RESPONSE),
        "resources[1]",
        "resource of type type.googleapis.com/envoy.config.cluster.v3.Cluster");
  }

  @Test
  void severalViolations_areAllReported() {
    String json =
        """
        {"name": "", "connect_timeout": "-1s", "lb_policy": 42,
         "load_assignment": {"cluster_name": "c", "endpoints": [{"lb_endpoints": [
           {"endpoint": {"address": {"socket_address": {"address": "10.0.0.1", "port_value": 70000}}}}]}]}}
        """;
    List<String> paths =
        VALIDATOR.validate(json, EnvoyType.CLUSTER).stream().map(Violation::path).sorted().toList();
    assertEquals(
        List.of(
            "connect_timeout",
            "connect_timeout",
            "lb_policy",
            "load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value",
            "name"),
        paths);
  }
}
