package dev.rigging.agent;

import java.nio.file.Path;
import java.util.List;

/** Builds the command line that starts one proxy process on a configuration directory. */
@FunctionalInterface
public interface ProxyLauncher {
  /**
   * Returns the command.
   *
   * @param proxy the proxy to start
   * @param configDir the directory (a symlink the agent re-points) holding its Envoy JSON
   */
  List<String> command(ProxyTarget proxy, Path configDir);
}
