package dev.rigging.emitters.kubernetes;

import java.util.Objects;

/** The proxy that runs beside each app container (and as each gateway) in a pod. */
public sealed interface Sidecar {
  /** The Envoy image the sidecar runs by default. */
  String DEFAULT_ENVOY_IMAGE = "envoyproxy/envoy:v1.34.1";

  /** The image {@code docker build -f dist/Dockerfile -t rigging/rig .} builds, without a tag. */
  String RIG_IMAGE_REPOSITORY = "rigging/rig";

  /** Real Envoy, started with the compiled {@code bootstrap.json} from the ConfigMap. */
  record Envoy(String image) implements Sidecar {
    public Envoy {
      requireImage(image);
    }
  }

  /**
   * Rigging's own proxy ({@code rig proxy}) on the compiled files of the ConfigMap. A new
   * configuration changes the pod template's config-hash annotation, so applying it rolls the pods.
   */
  record Rigging(String image) implements Sidecar {
    public Rigging {
      requireImage(image);
    }
  }

  /**
   * Rigging's agent ({@code rig agent}), which follows a branch of compiled output written by
   * {@code rig compile --kubernetes --sidecar rigging-gitops --commit}, starts {@code rig proxy} as
   * its child and hot-reloads it on each new commit; no ConfigMap, no pod restart.
   *
   * @param repo the output repository's URL, as the pod reaches it
   * @param branch the branch to follow
   * @param path the branch directory holding the output ({@code --commit-path}); empty: the top
   */
  record RiggingGitOps(String image, String repo, String branch, String path) implements Sidecar {
    public RiggingGitOps {
      requireImage(image);
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(path, "path");
      if (repo.isBlank() || repo.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("the GitOps repository must be a URL without spaces");
      }
      if (branch.isBlank() || branch.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("the GitOps branch must be a name without spaces");
      }
      path = path.replace('\\', '/').replaceAll("^/+|/+$", "");
      if (path.contains("..") || path.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "the GitOps path must be a directory of the branch, without `..` or spaces");
      }
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
