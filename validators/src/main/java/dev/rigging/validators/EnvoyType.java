package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;

/** Kinds of top-level Envoy document that Rigging emits, each tied to its v3 message type. */
public enum EnvoyType {
  /** {@code envoy.config.bootstrap.v3.Bootstrap}: the file Envoy is started with. */
  BOOTSTRAP,
  /** {@code envoy.config.listener.v3.Listener}. */
  LISTENER,
  /** {@code envoy.config.cluster.v3.Cluster}. */
  CLUSTER,
  /** {@code envoy.config.route.v3.RouteConfiguration}. */
  ROUTE_CONFIGURATION,
  /**
   * {@code envoy.service.discovery.v3.DiscoveryResponse}: the file format of Envoy's filesystem
   * dynamic config ({@code path_config_source}), whose {@code resources} are {@code Any}s.
   */
  DISCOVERY_RESPONSE;

  /** Descriptor of the message type a document of this kind must parse into. */
  Descriptor descriptor() {
    // A switch rather than a constructor argument: touching the enum must not load the Envoy
    // classes.
    return switch (this) {
      case BOOTSTRAP -> Bootstrap.getDescriptor();
      case LISTENER -> Listener.getDescriptor();
      case CLUSTER -> Cluster.getDescriptor();
      case ROUTE_CONFIGURATION -> RouteConfiguration.getDescriptor();
      case DISCOVERY_RESPONSE -> DiscoveryResponse.getDescriptor();
    };
  }
}
