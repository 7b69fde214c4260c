package dev.rigging.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every {@code .mesh} file in the repository, found when the tests run: policies, test resources of
 * every module, and whatever others add later. Build output folders are skipped, since they hold
 * copies.
 */
final class MeshCorpus {
  private MeshCorpus() {}

  /** One corpus file: its path relative to the repository root, and its text. */
  record Entry(String path, String text) {}

  static List<Entry> files() {
    Path root = repositoryRoot();
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(p -> p.toString().endsWith(".mesh") && Files.isRegularFile(p))
          .filter(p -> !inSkippedFolder(root.relativize(p)))
          .sorted()
          .map(p -> new Entry(root.relativize(p).toString(), read(p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the folder with the Maven wrapper: the tests run in the module folder below it. */
  static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no repository root (a folder with mvnw) above " + Path.of("").toAbsolutePath());
  }

  private static boolean inSkippedFolder(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      // target-*: the build folder is configurable (-Drig.target=target-x) and several coexist.
      if (name.equals("target")
          || name.startsWith("target-")
          || name.equals(".git")
          || name.equals("node_modules")) {
        return true;
      }
    }
    return false;
  }

  private static String read(Path p) {
    try {
      // Lenient decoding: a stray byte must not stop the run over every other file.
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
