package dev.rigging.policies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the example policies: every directory under {@code policies/} that directly holds {@code
 * .mesh} files is one mesh to compile (a Bookinfo task directory, say, whose files import the
 * shared ones).
 */
final class PolicyUnits {
  /** The module directory, which is {@code policies/} itself; Surefire runs tests from it. */
  static final Path ROOT = Path.of("").toAbsolutePath();

  private PolicyUnits() {}

  static List<Path> all() {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(Files::isDirectory)
          .filter(dir -> !isBuildOrTestDir(ROOT.relativize(dir)))
          .filter(PolicyUnits::holdsMeshFiles)
          .map(ROOT::relativize)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isBuildOrTestDir(Path relative) {
    String first = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
    return first.equals("src") || first.startsWith("target");
  }

  private static boolean holdsMeshFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".mesh"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
