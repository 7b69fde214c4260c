package dev.rigging.proxy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies of what {@code rig compile} emits for {@code policies/callme} and three Bookinfo tasks,
 * kept as test resources because the compiler is not a dependency of the proxy. Refresh with {@code
 * java -jar cli/target/rig.jar compile policies/<p> --out /tmp/x} and copy {@code envoy/}.
 */
final class EmittedConfigs {

  private EmittedConfigs() {}

  static Path root() {
    try {
      return Path.of(EmittedConfigs.class.getResource("emitted").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The directory of proxy {@code proxy} in policy {@code policy}, e.g. {@code ("callme",
   * "caller")}.
   */
  static Path proxyDir(String policy, String proxy) {
    return root().resolve(policy).resolve("envoy").resolve(proxy);
  }

  /** Every emitted proxy directory. */
  static List<Path> allProxyDirs() {
    try (Stream<Path> files = Files.walk(root())) {
      return files
          .filter(p -> p.getFileName().toString().equals("bootstrap.json"))
          .map(Path::getParent)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
