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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Replaces an output directory as a whole. The new tree is written into a staging directory beside
 * the target (same file system, so renames are atomic), then swapped in: the old tree is renamed
 * aside, the new one renamed in, the old one deleted. A failed or interrupted compile therefore
 * leaves either the old tree or the new one at the target, never a mixture; at worst a hidden
 * {@code .<name>.rig-new-*} or {@code .<name>.rig-old-*} sibling is left behind.
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
        "refusing to replace `"
            + dir
            + "`: it is not empty and has no rig "
            + Manifest.FILE
            + ", so rig did not write it; choose another --out or empty it first");
  }

  /**
   * Makes {@code dir} hold exactly {@code files} (relative '/'-separated path to content),
   * atomically as described above.
   */
  static void replace(Path dir, SortedMap<String, byte[]> files) throws IOException {
    try (Staging staging = stage(dir)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        staging.write(file.getKey(), file.getValue());
      }
      staging.commit();
    }
  }

  /**
   * Starts replacing {@code dir}: creates the staging directory beside it, into which {@link
   * Staging#write} puts files (from any number of threads) until {@link Staging#commit} swaps it
   * in. Closing a staging that was not committed deletes it and leaves {@code dir} untouched, so a
   * compile that fails halfway, after writing thousands of files, replaces nothing.
   */
  static Staging stage(Path dir) throws IOException {
    checkReplaceable(dir);
    Path target = dir.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(target)) {
      // Replace what the link points at and keep the link: users link --out into deploy repos.
      target = target.toRealPath();
    }
    // Parents created here are removed again if nothing is committed, as if rig never ran.
    Path firstMissing = null;
    for (Path ancestor = target.getParent();
        ancestor != null && !Files.exists(ancestor);
        ancestor = ancestor.getParent()) {
      firstMissing = ancestor;
    }
    Files.createDirectories(target.getParent());
    return new Staging(dir, target, createSibling(target, "rig-new"), firstMissing);
  }

  /** A staging directory being filled; see {@link #stage}. */
  static final class Staging implements AutoCloseable {
    private final Path dir;
    private final Path target;
    private final Path root;
    private final Swap swap;
    private final Thread cleanup;
    private final Map<Path, Path> created = new ConcurrentHashMap<>();
    private final Path firstCreatedParent;
    private boolean committed;

    private Staging(Path dir, Path target, Path root, Path firstCreatedParent) {
      this.dir = dir;
      this.target = target;
      this.root = root;
      this.firstCreatedParent = firstCreatedParent;
      this.swap = new Swap(root);
      // Ctrl-C before the swap removes the staging tree; see Swap.
      this.cleanup = new Thread(swap::abandon, "rig-output-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Writes one file of the new tree; {@code path} is relative and '/'-separated. Thread-safe. */
    void write(String path, byte[] content) throws IOException {
      Path file = root.resolve(path).normalize();
      if (!file.startsWith(root) || file.equals(root)) {
        throw new IllegalStateException("output path escapes the output directory: " + path);
      }
      createParent(file);
      Files.write(file, content);
    }

    /**
     * Creates the file's directory once, not once per file: for a directory that exists, {@link
     * Files#createDirectories} fails a mkdir and builds an exception, tens of thousands of times in
     * a large compile. A second thread writing into the same directory waits until it exists.
     */
    private void createParent(Path file) throws IOException {
      try {
        created.computeIfAbsent(
            file.getParent(),
            dir -> {
              try {
                return Files.createDirectories(dir);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    /** Swaps the staging tree in for the target, atomically. */
    void commit() throws IOException {
      // Checked again: another process may have put something at the target meanwhile.
      checkReplaceable(dir);
      swap.into(target);
      committed = true;
    }

    /**
     * Deletes the staging tree, and the parents {@link #stage} created, unless it was committed.
     */
    @Override
    public void close() {
      swap.abandon();
      if (!committed && firstCreatedParent != null) {
        removeEmptyParents();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting; the hook runs (or ran) and cleans up.
      }
    }

    private void removeEmptyParents() {
      for (Path parent = target.getParent();
          parent != null && parent.startsWith(firstCreatedParent);
          parent = parent.getParent()) {
        try {
          Files.deleteIfExists(parent);
        } catch (IOException e) {
          return; // not empty (someone else wrote there meanwhile) or not ours to delete: keep it
        }
      }
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
    String prefix =
        "." + target.getFileName() + "." + tag + "-" + ProcessHandle.current().pid() + "-";
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
