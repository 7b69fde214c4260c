package dev.rigging.emitters.envoy;

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
      Fragment transportSocket,
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

  private static final Fragment ACCESS_LOG = Fragment.of(AccessLog::stdout);
  private static final Fragment ROUTER = filter(EnvoyTypes.ROUTER_FILTER, EnvoyTypes.ROUTER);
  private static final Fragment TLS_INSPECTOR =
      filter(EnvoyTypes.TLS_INSPECTOR_FILTER, EnvoyTypes.TLS_INSPECTOR);

  /** Whether the listener is the same in both layouts: none of its chains' routes go by RDS. */
  static boolean routesAlwaysInline(Spec spec) {
    return spec.chains().stream().noneMatch(ChainSpec::dynamicRoutes);
  }

  /** Returns the listener, its routes delivered as {@code delivery} says. */
  Built build(Spec spec, Delivery delivery, String routesPath) {
    var origins = new Origins().here(spec.span());
    for (int i = 0; i < spec.chains().size(); i++) {
      origins.nest(".filter_chains[" + i + "]", chainOrigins(spec.chains().get(i), delivery));
    }
    return new Built(out -> write(out, spec, delivery, routesPath), origins);
  }

  private static void write(CompactJson out, Spec spec, Delivery delivery, String routesPath) {
    out.beginObject().field("name", spec.name());
    out.name("address").beginObject().name("socket_address").beginObject();
    out.field("address", spec.address()).field("port_value", spec.port());
    out.endObject().endObject();
    if (spec.inspectTls()) {
      // Envoy no longer adds the TLS inspector by itself; without it server_names never match.
      out.name("listener_filters").beginArray().value(TLS_INSPECTOR).endArray();
    }
    out.name("filter_chains").beginArray();
    for (var chain : spec.chains()) {
      chain(out, chain, delivery, routesPath);
    }
    out.endArray().endObject();
  }

  private static Origins chainOrigins(ChainSpec spec, Delivery delivery) {
    var hcm = new Origins();
    for (int i = 0; i < spec.filters().size(); i++) {
      hcm.nest(".http_filters[" + i + "]", spec.filters().get(i).origins());
    }
    if (inline(spec, delivery)) {
      hcm.nest(".route_config", spec.routeConfig().origins());
    }
    return new Origins().here(spec.span()).nest(".filters[0].typed_config", hcm);
  }

  private static boolean inline(ChainSpec spec, Delivery delivery) {
    return (spec.dynamicRoutes() ? delivery : Delivery.INLINE) == Delivery.INLINE;
  }

  private static void chain(CompactJson out, ChainSpec spec, Delivery delivery, String routesPath) {
    out.beginObject().field("name", spec.name());
    if (!spec.serverNames().isEmpty()) {
      out.name("filter_chain_match").beginObject();
      out.name("server_names").strings(spec.serverNames()).endObject();
    }
    out.name("filters").beginArray().beginObject().field("name", EnvoyTypes.HCM_FILTER);
    hcm(out.name("typed_config"), spec, delivery, routesPath);
    out.endObject().endArray();
    if (spec.transportSocket() != null) {
      out.field("transport_socket", spec.transportSocket());
    }
    out.endObject();
  }

  private static void hcm(CompactJson out, ChainSpec spec, Delivery delivery, String routesPath) {
    out.beginAny(EnvoyTypes.HTTP_CONNECTION_MANAGER);
    out.field("stat_prefix", spec.statPrefix());
    out.field("codec_type", "AUTO");
    // Path hygiene: routes and RBAC path rules see one canonical form of the path, so that
    // "/a/../admin", "//admin" or "%2Fadmin" cannot slip past a rule written for "/admin".
    out.field("normalize_path", true);
    out.field("merge_slashes", true);
    out.field("path_with_escaped_slashes_action", "UNESCAPE_AND_REDIRECT");
    if (spec.mtls()) {
      // The app learns its caller's verified SPIFFE ID; whatever the caller claimed is dropped.
      out.field("forward_client_cert_details", "SANITIZE_SET");
      out.name("set_current_client_cert_details").beginObject().field("uri", true).endObject();
    }
    out.name("access_log").beginArray().value(ACCESS_LOG).endArray();
    out.name("http_filters").beginArray();
    for (var filter : spec.filters()) {
      filter.json().writeTo(out);
    }
    out.value(ROUTER).endArray();
    if (inline(spec, delivery)) {
      out.name("route_config");
      spec.routeConfig().json().writeTo(out);
    } else {
      // The route config's name is the chain's stat prefix.
      out.name("rds").beginObject().field("route_config_name", spec.statPrefix());
      out.name("config_source").beginObject();
      out.name("path_config_source").single("path", routesPath);
      out.field("resource_api_version", "V3").endObject();
      out.endObject();
    }
    out.endObject();
  }

  /** An HTTP or listener filter with an empty typed config of {@code messageType}. */
  private static Fragment filter(String name, String messageType) {
    return Fragment.of(
        out ->
            out.beginObject()
                .field("name", name)
                .name("typed_config")
                .beginAny(messageType)
                .endObject()
                .endObject());
  }
}
