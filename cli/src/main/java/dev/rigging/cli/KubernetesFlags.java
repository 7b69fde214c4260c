package dev.rigging.cli;

import dev.rigging.emitters.kubernetes.KubernetesOptions;
import dev.rigging.emitters.kubernetes.Sidecar;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of {@code rig compile} and {@code rig inject} that shape Kubernetes output. */
final class KubernetesFlags {
  /** The proxy beside each app, by its name on the command line. */
  enum SidecarKind {
    ENVOY("envoy"),
    RIGGING("rigging"),
    RIGGING_GITOPS("rigging-gitops");

    final String flag;

    SidecarKind(String flag) {
      this.flag = flag;
    }

    @Override
    public String toString() {
      return flag;
    }

    static SidecarKind parse(String value) {
      for (SidecarKind kind : values()) {
        if (kind.flag.equals(value)) {
          return kind;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected envoy, rigging or rigging-gitops, not `" + value + "`");
    }
  }

  /** The image {@code docker build -f dist/Dockerfile} builds, tagged with this rig's version. */
  static String defaultRigImage() {
    return Sidecar.RIG_IMAGE_REPOSITORY + ":" + Version.number();
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
      converter = SidecarConverter.class,
      description =
          "The proxy beside each app: `envoy` (real Envoy, started from the compiled bootstrap),"
              + " `rigging` (rig proxy on the ConfigMap; a new configuration rolls the pods) or"
              + " `rigging-gitops` (rig agent following --gitops-repo, hot-reloading rig proxy; no"
              + " ConfigMap) (default: ${DEFAULT-VALUE}). Example: --sidecar rigging")
  SidecarKind sidecar = SidecarKind.ENVOY;

  @Option(
      names = "--gitops-repo",
      paramLabel = "URL",
      description =
          "With --sidecar rigging-gitops: the output repository as the pods reach it, where rig"
              + " compile --kubernetes --sidecar rigging-gitops --commit writes. Example:"
              + " --gitops-repo https://git.example.com/mesh/out.git")
  String gitopsRepo;

  @Option(
      names = "--gitops-branch",
      paramLabel = "BRANCH",
      description =
          "With --sidecar rigging-gitops: the branch the agents follow (default: main). Example:"
              + " --gitops-branch prod")
  String gitopsBranch;

  @Option(
      names = "--gitops-path",
      paramLabel = "DIR",
      description =
          "With --sidecar rigging-gitops: the branch directory holding the output, as given to"
              + " --commit-path (default: the top). Example: --gitops-path meshes/shop")
  String gitopsPath;

  @Option(
      names = "--sidecar-image",
      paramLabel = "IMAGE",
      description =
          "Image of the sidecar (default: "
              + Sidecar.DEFAULT_ENVOY_IMAGE
              + " for envoy, "
              + Sidecar.RIG_IMAGE_REPOSITORY
              + ":<rig version> for rigging and rigging-gitops, built by docker build -f"
              + " dist/Dockerfile). Example:"
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
    if (sidecar != SidecarKind.RIGGING_GITOPS
        && (gitopsRepo != null || gitopsBranch != null || gitopsPath != null)) {
      throw new IllegalArgumentException(
          "--gitops-repo, --gitops-branch and --gitops-path need --sidecar rigging-gitops");
    }
    Sidecar chosen =
        switch (sidecar) {
          case ENVOY -> new Sidecar.Envoy(image(Sidecar.DEFAULT_ENVOY_IMAGE));
          case RIGGING -> new Sidecar.Rigging(image(defaultRigImage()));
          case RIGGING_GITOPS -> {
            if (gitopsRepo == null) {
              throw new IllegalArgumentException(
                  "--sidecar rigging-gitops needs --gitops-repo, the repository the agents follow");
            }
            yield new Sidecar.RiggingGitOps(
                image(defaultRigImage()),
                gitopsRepo,
                gitopsBranch == null ? "main" : gitopsBranch,
                gitopsPath == null ? "" : gitopsPath);
          }
        };
    return new KubernetesOptions(
        Optional.ofNullable(namespace), clusterDomain, chosen, imageTemplate);
  }

  /** Reads {@code --sidecar}'s value by the names users type. */
  static final class SidecarConverter implements picocli.CommandLine.ITypeConverter<SidecarKind> {
    @Override
    public SidecarKind convert(String value) {
      return SidecarKind.parse(value);
    }
  }

  private String image(String fallback) {
    return sidecarImage == null ? fallback : sidecarImage;
  }
}
