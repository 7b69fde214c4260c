package dev.rigging.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Replaces an output directory as a whole. The new tree is written into a staging directory
 * beside the target (same file system, so renames are atomic), then swapped in: the old tree is
 * renamed aside, the new one renamed in, the old one deleted. A failed or interrupted compile
 * therefore leaves either the old tree or the new one at the target, never a mixture; at worst
 * a hidden {@code .<name>.rig-new-*} or {@code .<name>.rig-old-*} sibling is left behind.
 *
 * <p>Only directories rig wrote (they hold rig's {@code manifest.json}) and empty ones are
 * replaced, so a mistyped {@code --out} cannot wipe unrelated files.
 */
final class OutputTree {
  private static final AtomicLong UNIQUE = new AtomicLong();

  private OutputTree() {}

  /** Throws {@link CliFailure} unless {@code dir} is missing, empty, or a tree rig wrote. */
  static void checkReplaceable(Path dir) {
    Path target = dir.toAbsolutePath().normalize();
    if (target.getParent() == null) {
      throw new CliFailure("refusing to write to `" + dir + "`: it is the root directory");
    }
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new CliFailure("refusing to write to `" + dir + "`: it exists and is not a directory");
    }
    if (isEmpty(target) || Manifest.isOurs(target.resolve(Manifest.FILE))) {
      return;
    }
    throw new CliFailure(
        "refusing to replace `" + dir + "`: it is not empty and has no rig " + Manifest.FILE
            + ", so rig did not write it; choose another --out or empty it first");
  }

  /**
   * Makes {@code dir} hold exactly {@code files} (relative '/'-separated path to content),
   * atomically as described above.
   */
  static void replace(Path dir, SortedMap<String, byte[]> files) throws IOException {
    checkReplaceable(dir);
    Path target = dir.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(target)) {
      // Replace what the link points at and keep the link: users link --out into deploy repos.
      target = target.toRealPath();
    }
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path staging = createSibling(target, "rig-new");
    Swap swap = new Swap(staging);
    Thread cleanup = new Thread(swap::abandon, "rig-output-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      write(staging, files);
      swap.into(target);
    } finally {
      swap.abandon();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting; the hook runs (or ran) and cleans up.
      }
    }
  }

  private static void write(Path root, SortedMap<String, byte[]> files) throws IOException {
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = root.resolve(file.getKey()).normalize();
      if (!path.startsWith(root) || path.equals(root)) {
        throw new IllegalStateException("output path escapes the output directory: " + file.getKey());
      }
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
  }

  /**
   * The swap, guarded so that a shutdown hook (Ctrl-C) and the main thread never interleave: the
   * hook either removes the staging tree before the swap starts or waits until it is over.
   */
  private static final class Swap {
    private final Path staging;
    private boolean finished;

    Swap(Path staging) {
      this.staging = staging;
    }

    synchronized void into(Path target) throws IOException {
      if (finished) {
        throw new IOException("interrupted before the output was swapped in");
      }
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        move(staging, target);
        finished = true;
        return;
      }
      Path aside = createSibling(target, "rig-old");
      Files.delete(aside); // only its unique name was wanted; rename needs a free name
      move(target, aside);
      try {
        move(staging, target);
      } catch (IOException e) {
        move(aside, target);
        throw e;
      }
      finished = true;
      try {
        deleteTree(aside);
      } catch (IOException | UncheckedIOException e) {
        // The new tree is in place; a leftover hidden old tree is litter, not a failure.
      }
    }

    /** Deletes the staging tree unless it was swapped in; idempotent. */
    synchronized void abandon() {
      if (!finished) {
        finished = true;
        try {
          deleteTree(staging);
        } catch (IOException | UncheckedIOException e) {
          // Leftover staging litter is harmless: the target was not touched.
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new CliFailure("cannot swap `" + to + "` in atomically: " + e.getMessage(), e);
    }
  }

  /**
   * Creates an empty directory {@code .<name>.<tag>-<pid>-<n>} beside {@code target}. Not {@link
   * Files#createTempDirectory}: that makes it owner-only, and the mode would stick to the output.
   */
  private static Path createSibling(Path target, String tag) throws IOException {
    String prefix = "." + target.getFileName() + "." + tag + "-" + ProcessHandle.current().pid() + "-";
    while (true) {
      Path candidate = target.resolveSibling(prefix + UNIQUE.incrementAndGet());
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException taken) {
        // Left by an earlier run with the same pid; try the next number.
      }
    }
  }

  private static boolean isEmpty(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      throw new CliFailure("cannot read `" + dir + "`: " + CliFailure.describe(e), e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
