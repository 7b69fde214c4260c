package dev.rigging.emitters;

/** What an emitted document holds. */
public enum DocumentKind {
  /** An Envoy v3 {@code Bootstrap} with every resource of the proxy inline. */
  ENVOY_BOOTSTRAP,
  /** A {@code DiscoveryResponse} of {@code Listener}s for filesystem dynamic config. */
  ENVOY_LISTENERS,
  /** A {@code DiscoveryResponse} of {@code Cluster}s for filesystem dynamic config. */
  ENVOY_CLUSTERS,
  /** A {@code DiscoveryResponse} of {@code RouteConfiguration}s for filesystem dynamic config. */
  ENVOY_ROUTES,
  /** A YAML stream of Kubernetes objects; its source map's paths start with {@code [i]}. */
  KUBERNETES_MANIFESTS
}
