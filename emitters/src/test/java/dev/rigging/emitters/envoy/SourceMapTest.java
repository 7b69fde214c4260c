package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.source.Span;
import org.junit.jupiter.api.Test;

/** Validator paths lead back to the {@code .mesh} text that produced the offending JSON. */
class SourceMapTest {
  private static final String FRONTEND_OUTBOUND_ROUTES =
      "static_resources.listeners[1].filter_chains[0].filters[0].typed_config"
          + ".route_config.virtual_hosts[0].routes";

  @Test
  void routesMapToTheirRules() {
    var bootstrap = document(TestMeshes.canary(), "envoy/frontend/bootstrap.json");
    assertEquals(
        "match header \"x-canary\" exact \"true\" {",
        firstLine(bootstrap, FRONTEND_OUTBOUND_ROUTES + "[0].match.headers[0]"));
    assertEquals(
        "default {",
        firstLine(bootstrap, FRONTEND_OUTBOUND_ROUTES + "[1].route.weighted_clusters"));
    var routes = document(TestMeshes.canary(), "envoy/frontend/routes.json");
    assertEquals("default {", firstLine(routes, "resources[0].virtual_hosts[0].routes[1].name"));
  }

  @Test
  void virtualHostsMapToTheCalledService() {
    var bootstrap = document(TestMeshes.canary(), "envoy/frontend/bootstrap.json");
    String host = FRONTEND_OUTBOUND_ROUTES.replace(".routes", ".domains[2]");
    assertEquals("service reviews {", firstLine(bootstrap, host));
  }

  @Test
  void filterChainsMapToTheirVersion() {
    var listeners = document(TestMeshes.canary(), "envoy/reviews/listeners.json");
    assertEquals(
        "version v2 {", firstLine(listeners, "resources[0].filter_chains[1].transport_socket"));
    assertEquals(
        "service reviews {",
        firstLine(listeners, "resources[0].filter_chains[2].filter_chain_match"));
  }

  @Test
  void endpointsMapToTheirDeclaration() {
    var bootstrap = document(TestMeshes.canary(), "envoy/reviews/bootstrap.json");
    assertEquals(
        "endpoint 10.0.2.1:9080",
        firstLine(
            bootstrap,
            "static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[2].endpoint"));
    assertEquals(
        "version v1 {",
        firstLine(bootstrap, "static_resources.clusters[1].load_assignment.cluster_name"));
  }

  @Test
  void clusterSettingsMapToThePolicyBlock() {
    var clusters = document(TestMeshes.trafficPolicy(), "envoy/checkout/clusters.json");
    // resources: inbound|checkout, outbound|ledger, outbound|ledger|next, outbound|ledger|stable
    assertEquals(
        "policy {",
        firstLine(clusters, "resources[2].circuit_breakers.thresholds[0].max_connections"));
    assertEquals("version next {", firstLine(clusters, "resources[2].name"));
    assertEquals("service ledger {", firstLine(clusters, "resources[1].load_assignment"));
  }

  @Test
  void rbacPoliciesMapToTheirRules() {
    var bootstrap = document(TestMeshes.authz(), "envoy/callme/bootstrap.json");
    String filters =
        "static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters";
    assertEquals(
        "deny to \"/admin/*\" when header \"x-admin\" absent and header \"x-env\" prefix"
            + " \"prod\"",
        firstLine(
            bootstrap, filters + "[0].typed_config.rules.policies[\"deny-2\"].permissions[0]"));
    assertEquals(
        "allow from auditor, caller to GET \"/audit\" \"*.json\"",
        firstLine(bootstrap, filters + "[1].typed_config.rules.policies[\"allow-1\"]"));
    assertEquals("authz callme {", firstLine(bootstrap, filters + "[1].typed_config.rules"));
  }

  @Test
  void unknownPathsFallBackToTheProxy() {
    var bootstrap = document(TestMeshes.bookinfoGateway(), "envoy/ingress/bootstrap.json");
    assertEquals("gateway ingress {", firstLine(bootstrap, "node.id"));
    assertEquals("gateway ingress {", firstLine(bootstrap, ""));
  }

  @Test
  void gatewayRoutesMapToTheirRules() {
    var routes = document(TestMeshes.bookinfoGateway(), "envoy/ingress/routes.json");
    assertEquals(
        "match path exact \"/logout\" { to productpage }",
        firstLine(routes, "resources[0].virtual_hosts[0].routes[3].match.path"));
  }

  private static EmittedDocument document(Mesh mesh, String path) {
    return new EnvoyEmitter(EnvoyOptions.defaults())
        .emit(mesh).stream().filter(d -> d.path().equals(path)).findFirst().orElseThrow();
  }

  /** The source line where the span found for {@code path} starts, trimmed. */
  private static String firstLine(EmittedDocument document, String path) {
    var span = document.origins().lookup(path);
    assertTrue(span.isPresent(), path);
    Span s = span.get();
    return s.file().lineText(s.line()).strip();
  }
}
