package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.Target;

/**
 * Names shared between the resources of a proxy and between proxies: a caller's cluster SNI must
 * equal the callee's filter chain match, and every route's cluster must exist.
 */
final class Names {
  private Names() {}

  static final String INBOUND_LISTENER = "inbound";
  static final String OUTBOUND_LISTENER = "outbound";
  static final String GATEWAY_LISTENER = "gateway";
  static final String LOCALHOST = "127.0.0.1";

  /** {@code outbound|S} or {@code outbound|S|V}: how a proxy reaches a target's sidecar. */
  static String outboundCluster(Target target) {
    return target
        .version()
        .map(v -> "outbound|" + target.service() + "|" + v)
        .orElseGet(() -> "outbound|" + target.service());
  }

  /** {@code inbound|S} or {@code inbound|S|V}: the app instances behind a sidecar. */
  static String inboundCluster(Target target) {
    return target
        .version()
        .map(v -> "inbound|" + target.service() + "|" + v)
        .orElseGet(() -> "inbound|" + target.service());
  }

  /** {@code S.M} or {@code V.S.M}: the SNI that selects a target at the callee's sidecar. */
  static String sni(Target target, String mesh) {
    return target
        .version()
        .map(v -> v + "." + target.service() + "." + mesh)
        .orElseGet(() -> target.service() + "." + mesh);
  }

  /** {@code inbound_S} or {@code inbound_S_V}: stat prefix and route config of an inbound chain. */
  static String inboundRouteConfig(Target target) {
    return target
        .version()
        .map(v -> "inbound_" + target.service() + "_" + v)
        .orElseGet(() -> "inbound_" + target.service());
  }

  static String outboundRouteConfig(String service) {
    return "outbound_" + service;
  }

  static String gatewayRouteConfig(String gateway) {
    return "gateway_" + gateway;
  }
}
