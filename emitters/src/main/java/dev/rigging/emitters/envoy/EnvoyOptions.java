package dev.rigging.emitters.envoy;

import java.util.Objects;

/**
 * Where a proxy finds its files at run time. Both are path templates in which {@code {proxy}}
 * stands for the proxy's name.
 *
 * @param configDir the directory holding the proxy's {@code listeners.json}, {@code clusters.json}
 *     and {@code routes.json}; listeners point at {@code routes.json} there
 * @param certDir the directory holding the proxy's {@code cert.pem}, {@code key.pem} and the mesh
 *     CA's {@code ca.pem}
 * @param network where listeners bind and how peers are addressed
 */
public record EnvoyOptions(String configDir, String certDir, Network network) {
  static final String PROXY = "{proxy}";

  public EnvoyOptions {
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(certDir, "certDir");
    Objects.requireNonNull(network, "network");
    if (configDir.isBlank() || certDir.isBlank()) {
      throw new IllegalArgumentException("configDir and certDir must not be blank");
    }
  }

  /** Returns options for proxies that all run on one host ({@link Network.Loopback}). */
  public EnvoyOptions(String configDir, String certDir) {
    this(configDir, certDir, new Network.Loopback());
  }

  /** Returns {@code /etc/rigging/envoy/{proxy}} and {@code /etc/rigging/certs/{proxy}}. */
  public static EnvoyOptions defaults() {
    return new EnvoyOptions("/etc/rigging/envoy/" + PROXY, "/etc/rigging/certs/" + PROXY);
  }

  /** Returns the path of {@code file} in the config directory of {@code proxy}. */
  String configFile(String proxy, String file) {
    return join(configDir, proxy, file);
  }

  /** Returns the path of {@code file} in the certificate directory of {@code proxy}. */
  String certFile(String proxy, String file) {
    return join(certDir, proxy, file);
  }

  private static String join(String template, String proxy, String file) {
    String dir = template.replace(PROXY, proxy);
    return dir.endsWith("/") ? dir + file : dir + "/" + file;
  }
}
