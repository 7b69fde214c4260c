package dev.rigging.emitters.kubernetes;

import java.util.Objects;

/** The proxy that runs beside each app container (and as each gateway) in a pod. */
public sealed interface Sidecar {
  /** The Envoy image the sidecar runs by default. */
  String DEFAULT_ENVOY_IMAGE = "envoyproxy/envoy:v1.34.1";

  /** Real Envoy, started with the compiled {@code bootstrap.json} from the ConfigMap. */
  record Envoy(String image) implements Sidecar {
    public Envoy {
      requireImage(image);
    }
  }

  /**
   * Rigging's own proxy and agent, two containers of one image: the proxy serves the compiled xDS
   * files from the ConfigMap, the agent watches the mounted ConfigMap and has the proxy swap to a
   * new version in place, without restarting the pod.
   */
  record Rigging(String image) implements Sidecar {
    public Rigging {
      requireImage(image);
    }
  }

  /** The image the proxy container runs. */
  String image();

  private static void requireImage(String image) {
    Objects.requireNonNull(image, "image");
    if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("image must be a non-blank name without spaces");
    }
  }
}
