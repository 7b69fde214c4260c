package dev.rigging.cli;

import dev.rigging.emitters.kubernetes.KubernetesOptions;
import dev.rigging.emitters.kubernetes.Sidecar;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of {@code rig compile} and {@code rig inject} that shape Kubernetes output. */
final class KubernetesFlags {
  /** The proxy beside each app. */
  enum SidecarKind {
    envoy,
    rigging
  }

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      description =
          "Kubernetes namespace of every object (default: the mesh's name). Example: --namespace"
              + " shop")
  String namespace;

  @Option(
      names = "--sidecar",
      paramLabel = "KIND",
      description =
          "The proxy beside each app: `envoy` (real Envoy, started from the compiled bootstrap) or"
              + " `rigging` (rig's proxy and agent) (default: ${DEFAULT-VALUE}). Example: --sidecar"
              + " rigging")
  SidecarKind sidecar = SidecarKind.envoy;

  @Option(
      names = "--sidecar-image",
      paramLabel = "IMAGE",
      description =
          "Image of the sidecar (default: "
              + Sidecar.DEFAULT_ENVOY_IMAGE
              + " for envoy, ghcr.io/rigging/rig:<rig version> for rigging). Example:"
              + " --sidecar-image registry.example/envoy:v1.34.1")
  String sidecarImage;

  @Option(
      names = "--image-template",
      paramLabel = "TEMPLATE",
      description =
          "Image of each app container; {service} and {version} stand for their names, {version}"
              + " is `latest` for a service without versions (default: ${DEFAULT-VALUE}). Example:"
              + " --image-template 'registry.example/{service}:{version}'")
  String imageTemplate = KubernetesOptions.DEFAULT_IMAGE_TEMPLATE;

  @Option(
      names = "--cluster-domain",
      paramLabel = "DOMAIN",
      description =
          "The cluster's DNS domain, by which sidecars reach each other's Services (default:"
              + " ${DEFAULT-VALUE}). Example: --cluster-domain cluster.local")
  String clusterDomain = KubernetesOptions.DEFAULT_CLUSTER_DOMAIN;

  /** Returns the options; throws IllegalArgumentException naming what is wrong. */
  KubernetesOptions options() {
    Sidecar chosen =
        switch (sidecar) {
          case envoy -> new Sidecar.Envoy(image(Sidecar.DEFAULT_ENVOY_IMAGE));
          case rigging -> new Sidecar.Rigging(image("ghcr.io/rigging/rig:" + Version.number()));
        };
    return new KubernetesOptions(
        Optional.ofNullable(namespace), clusterDomain, chosen, imageTemplate);
  }

  private String image(String fallback) {
    return sidecarImage == null ? fallback : sidecarImage;
  }
}
