package dev.rigging.emitters.kubernetes;

import java.util.Objects;
import java.util.Optional;

/**
 * How the mesh is deployed to Kubernetes.
 *
 * @param namespace the namespace of every object; empty: the mesh's name
 * @param clusterDomain the cluster's DNS domain, by which sidecars reach each other's Services
 * @param sidecar the proxy each pod runs
 * @param imageTemplate the app container's image; {@code {service}} and {@code {version}} stand for
 *     the service's and the version's names ({@code {version}} is {@code latest} for a service
 *     without versions)
 */
public record KubernetesOptions(
    Optional<String> namespace, String clusterDomain, Sidecar sidecar, String imageTemplate) {
  public static final String DEFAULT_IMAGE_TEMPLATE = "{service}:{version}";
  public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

  public KubernetesOptions {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    Objects.requireNonNull(sidecar, "sidecar");
    Objects.requireNonNull(imageTemplate, "imageTemplate");
    if (imageTemplate.isBlank() || imageTemplate.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("image template must be non-blank, without spaces");
    }
    if (!Names.isDnsSubdomain(clusterDomain)) {
      throw new IllegalArgumentException(
          "cluster domain `" + clusterDomain + "` is not a DNS name");
    }
    namespace.ifPresent(
        ns -> {
          if (!Names.isDnsLabel(ns)) {
            throw new IllegalArgumentException(
                "namespace `" + ns + "` is not a DNS label (lowercase letters, digits, `-`)");
          }
        });
  }

  /**
   * Returns the mesh's own namespace, cluster.local, real Envoy and {@code {service}:{version}}.
   */
  public static KubernetesOptions defaults() {
    return new KubernetesOptions(
        Optional.empty(),
        DEFAULT_CLUSTER_DOMAIN,
        new Sidecar.Envoy(Sidecar.DEFAULT_ENVOY_IMAGE),
        DEFAULT_IMAGE_TEMPLATE);
  }

  /** Returns the app image of {@code service} at {@code version}. */
  String image(String service, Optional<String> version) {
    return imageTemplate
        .replace("{service}", service)
        .replace("{version}", version.orElse("latest"));
  }
}
