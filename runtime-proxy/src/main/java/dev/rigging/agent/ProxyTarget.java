package dev.rigging.agent;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One proxy the agent drives.
 *
 * @param name the proxy's name: its directory {@code envoy/<name>/} in the output repository
 * @param admin where the proxy's admin listener is
 */
public record ProxyTarget(String name, InetSocketAddress admin) {
  public ProxyTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(admin, "admin");
    if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
      throw new IllegalArgumentException("`" + name + "` is not a proxy name");
    }
  }

  /** The directory of this proxy's configuration in the output repository. */
  public String repoDirectory() {
    return "envoy/" + name;
  }
}
