package dev.rigging.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The configuration directories on disk: one per proxy and commit under the state directory, and
 * the symlink {@code <configRoot>/<proxy>} the proxy loads through, re-pointed with an atomic
 * rename so the proxy reads the old directory or the new one, never a mix.
 */
final class ConfigDirs {
  private final Path configs;
  private final Path configRoot;

  ConfigDirs(Path stateDir, Path configRoot) {
    this.configs = stateDir.resolve("configs");
    this.configRoot = configRoot;
  }

  /** The symlink the proxy {@code name} is started on. */
  Path link(String proxy) {
    return configRoot.resolve(proxy);
  }

  /** The directory for {@code proxy} at {@code commit}. */
  Path dir(String proxy, String commit) {
    return configs.resolve(proxy).resolve(commit);
  }

  /** Writes the files of {@code proxy} at {@code commit}, replacing a partial earlier attempt. */
  Path write(String proxy, String commit, Map<String, byte[]> files) throws IOException {
    Path dir = dir(proxy, commit);
    Path tmp = dir.resolveSibling(commit + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    for (var file : files.entrySet()) {
      Files.write(tmp.resolve(file.getKey()), file.getValue());
    }
    deleteTree(dir);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }

  /** Returns whether the link already points at the directory of {@code commit}. */
  boolean pointsAt(String proxy, String commit) throws IOException {
    Path link = link(proxy);
    return Files.isSymbolicLink(link)
        && Files.readSymbolicLink(link).equals(dir(proxy, commit).toAbsolutePath());
  }

  /** Re-points the proxy's link at {@code commit}'s directory, atomically. */
  void point(String proxy, String commit) throws IOException {
    Path link = link(proxy);
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
      throw new IOException(
          link
              + " exists and is not a symlink the agent made; move it away or choose another"
              + " --config-root");
    }
    Files.createDirectories(configRoot);
    Path tmp = configRoot.resolve("." + proxy + ".next");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, dir(proxy, commit).toAbsolutePath());
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Deletes the directories of {@code proxy} for commits other than {@code keep}. */
  void prune(String proxy, Set<String> keep) throws IOException {
    Path root = configs.resolve(proxy);
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.toList()) {
        if (!keep.contains(dir.getFileName().toString())) {
          deleteTree(dir);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
