package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.source.Span;
import java.util.List;

/**
 * Listeners of a proxy, each filter chain ending in one HTTP connection manager. A listener is
 * described once ({@link Spec}) and built twice: with its routes inline for the bootstrap, and with
 * RDS pointing at {@code routes.json} for filesystem dynamic config (for the one route config that
 * file holds; see {@link ChainSpec#dynamicRoutes}).
 */
final class ListenerBuilder {

  /** How an HCM gets its routes. */
  enum Delivery {
    INLINE,
    RDS
  }

  /**
   * One filter chain.
   *
   * @param name the chain's name (its SNI, or the listener's name)
   * @param serverNames SNI values selecting this chain; empty for a plain-text listener
   * @param statPrefix the HCM's stat prefix, also the name of its route config
   * @param mtls whether the chain terminates mesh mTLS (and then sets XFCC from the peer)
   * @param filters HTTP filters before the router
   * @param routeConfig the chain's route configuration
   * @param transportSocket the TLS socket, or null for plain text
   * @param dynamicRoutes whether {@code routes.json} delivers the route config in the xDS layout.
   *     Envoy's filesystem RDS takes exactly one route config per file, so only the one carrying
   *     policy (outbound or gateway) goes there; inbound chains' fixed routes to the local app stay
   *     inline in both layouts.
   * @param span what the chain was made for
   */
  record ChainSpec(
      String name,
      List<String> serverNames,
      String statPrefix,
      boolean mtls,
      List<Built> filters,
      Built routeConfig,
      ObjectNode transportSocket,
      boolean dynamicRoutes,
      Span span) {}

  /**
   * One listener.
   *
   * @param address the IP address it binds: 127.0.0.1, or every interface for a pod's inbound
   * @param inspectTls whether SNI must be read from the ClientHello to pick a chain
   */
  record Spec(
      String name,
      String address,
      int port,
      boolean inspectTls,
      List<ChainSpec> chains,
      Span span) {}

  private final ObjectNode accessLog = AccessLog.stdout();
  private final ObjectNode router = router();
  private final ObjectNode tlsInspector = tlsInspector();

  /** Whether the listener is the same in both layouts: none of its chains' routes go by RDS. */
  static boolean routesAlwaysInline(Spec spec) {
    return spec.chains().stream().noneMatch(ChainSpec::dynamicRoutes);
  }

  /** Returns the listener, its routes delivered as {@code delivery} says. */
  Built build(Spec spec, Delivery delivery, String routesPath) {
    var origins = new Origins().here(spec.span());
    var chains = Json.array();
    for (int i = 0; i < spec.chains().size(); i++) {
      var chain = chain(spec.chains().get(i), delivery, routesPath);
      chains.add(chain.json());
      origins.nest(".filter_chains[" + i + "]", chain.origins());
    }
    var listener = Json.object().put("name", spec.name());
    var socketAddress = Json.object().put("address", spec.address()).put("port_value", spec.port());
    listener.set("address", Json.single("socket_address", socketAddress));
    if (spec.inspectTls()) {
      // Envoy no longer adds the TLS inspector by itself; without it server_names never match.
      listener.set("listener_filters", Json.arrayOf(tlsInspector));
    }
    listener.set("filter_chains", chains);
    return new Built(listener, origins);
  }

  private Built chain(ChainSpec spec, Delivery delivery, String routesPath) {
    var hcm = hcm(spec, delivery, routesPath);
    var chain = Json.object().put("name", spec.name());
    if (!spec.serverNames().isEmpty()) {
      chain.set(
          "filter_chain_match", Json.single("server_names", Json.strings(spec.serverNames())));
    }
    var filter = Json.object().put("name", EnvoyTypes.HCM_FILTER);
    filter.set("typed_config", hcm.json());
    chain.set("filters", Json.arrayOf(filter));
    if (spec.transportSocket() != null) {
      chain.set("transport_socket", spec.transportSocket());
    }
    var origins = new Origins().here(spec.span()).nest(".filters[0].typed_config", hcm.origins());
    return new Built(chain, origins);
  }

  private Built hcm(ChainSpec spec, Delivery delivery, String routesPath) {
    var origins = new Origins();
    var hcm = Json.any(EnvoyTypes.HTTP_CONNECTION_MANAGER);
    hcm.put("stat_prefix", spec.statPrefix());
    hcm.put("codec_type", "AUTO");
    // Path hygiene: routes and RBAC path rules see one canonical form of the path, so that
    // "/a/../admin", "//admin" or "%2Fadmin" cannot slip past a rule written for "/admin".
    hcm.put("normalize_path", true);
    hcm.put("merge_slashes", true);
    hcm.put("path_with_escaped_slashes_action", "UNESCAPE_AND_REDIRECT");
    if (spec.mtls()) {
      // The app learns its caller's verified SPIFFE ID; whatever the caller claimed is dropped.
      hcm.put("forward_client_cert_details", "SANITIZE_SET");
      hcm.set("set_current_client_cert_details", Json.object().put("uri", true));
    }
    hcm.set("access_log", Json.arrayOf(accessLog));
    hcm.set("http_filters", httpFilters(spec.filters(), origins));
    String routeConfigName = spec.routeConfig().json().get("name").asText();
    switch (spec.dynamicRoutes() ? delivery : Delivery.INLINE) {
      case INLINE -> {
        hcm.set("route_config", spec.routeConfig().json());
        origins.nest(".route_config", spec.routeConfig().origins());
      }
      case RDS -> {
        var source = Json.single("path_config_source", Json.single("path", routesPath));
        source.put("resource_api_version", "V3");
        var rds = Json.object().put("route_config_name", routeConfigName);
        rds.set("config_source", source);
        hcm.set("rds", rds);
      }
    }
    return new Built(hcm, origins);
  }

  private ArrayNode httpFilters(List<Built> filters, Origins origins) {
    var array = Json.array();
    for (int i = 0; i < filters.size(); i++) {
      array.add(filters.get(i).json());
      origins.nest(".http_filters[" + i + "]", filters.get(i).origins());
    }
    array.add(router);
    return array;
  }

  private static ObjectNode router() {
    var router = Json.object().put("name", EnvoyTypes.ROUTER_FILTER);
    router.set("typed_config", Json.any(EnvoyTypes.ROUTER));
    return router;
  }

  private static ObjectNode tlsInspector() {
    var inspector = Json.object().put("name", EnvoyTypes.TLS_INSPECTOR_FILTER);
    inspector.set("typed_config", Json.any(EnvoyTypes.TLS_INSPECTOR));
    return inspector;
  }
}
