package dev.rigging.emitters.kubernetes;

import java.util.regex.Pattern;

/** Kubernetes' rules for object names and labels, and the names rig gives its objects. */
final class Names {
  /** RFC 1123 label: namespaces, and the names rig derives from services and versions. */
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** RFC 1035 label: Service names, which must also start with a letter. */
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern LABEL_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  /** Where the proxy's config and certificates are mounted in every pod. */
  static final String CONFIG_DIR = "/etc/rigging/envoy";

  static final String CERT_DIR = "/etc/rigging/certs";

  /** Where the agent of a GitOps sidecar keeps a {@code <proxy>} symlink to the applied config. */
  static final String GITOPS_CONFIG_ROOT = "/var/run/rigging";

  /** The agent's mirror, per-commit config directories and {@code agent.json}. */
  static final String GITOPS_STATE_DIR = "/var/lib/rigging/agent";

  /** The port of {@code rig proxy}'s admin listener ({@code /ready}, {@code /stats}). */
  static final int ADMIN_PORT = 15000;

  /**
   * The port of {@code rig agent}'s listener ({@code /status}, {@code /ready}, {@code /webhook}).
   */
  static final int AGENT_PORT = 15100;

  private Names() {}

  static boolean isDnsLabel(String s) {
    return s.length() <= 63 && DNS_LABEL.matcher(s).matches();
  }

  static boolean isServiceName(String s) {
    return s.length() <= 63 && SERVICE_NAME.matcher(s).matches();
  }

  static boolean isDnsSubdomain(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (!isDnsLabel(part)) {
        return false;
      }
    }
    return true;
  }

  static boolean isLabelValue(String s) {
    return s.length() <= 63 && LABEL_VALUE.matcher(s).matches();
  }

  /** A label key: an optional DNS-subdomain prefix and {@code /}, then a name of at most 63. */
  static boolean isLabelKey(String s) {
    int slash = s.indexOf('/');
    String name = slash < 0 ? s : s.substring(slash + 1);
    if (slash >= 0 && !isDnsSubdomain(s.substring(0, slash))) {
      return false;
    }
    return name.length() <= 63 && LABEL_NAME.matcher(name).matches();
  }

  /**
   * The Deployment (and pod name prefix) of one version of a service: {@code <service>-<version>}.
   */
  static String workload(String service, java.util.Optional<String> version) {
    return version.map(v -> service + "-" + v).orElse(service);
  }

  /** The ConfigMap holding a workload's compiled proxy configuration. */
  static String configMap(String workload) {
    return workload + "-envoy";
  }

  /**
   * The directory of the branch where a GitOps sidecar's agent finds {@code envoy/<proxy>/}
   * compiled for the pods of {@code workload}: {@code kubernetes/<namespace>/<workload>}.
   */
  static String gitopsDirectory(String namespace, String workload) {
    return "kubernetes/" + namespace + "/" + workload;
  }

  /** The Secret holding a proxy's certificate, key and the mesh CA. */
  static String certSecret(String proxy) {
    return proxy + "-mesh-tls";
  }
}
