package dev.rigging.cli;

import dev.rigging.agent.ProxyLauncher;
import dev.rigging.agent.ProxyTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code rig proxy} in a new JVM made from this one: the same java binary and class path, so
 * the agent and its proxies are always the same build. {@code RIG_PROXY_JAVA_OPTS} adds JVM options
 * (for example {@code -Xmx256m}).
 */
final class JvmProxyLauncher implements ProxyLauncher {
  @Override
  public List<String> command(ProxyTarget proxy, Path configDir) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xlog:disable");
    command.add("-Xlog:all=warning:stderr");
    // Netty's native epoll and BoringSSL libraries load through JNI.
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      // Netty copies bytes through sun.misc.Unsafe only when allowed, as `./rig proxy` does.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    String extra = System.getenv("RIG_PROXY_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("proxy");
    command.add("--config");
    command.add(configDir.toString());
    command.add("--admin");
    command.add(proxy.admin().getHostString() + ":" + proxy.admin().getPort());
    return command;
  }
}
