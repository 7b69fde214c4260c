package dev.rigging.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rewrites one file atomically: the new text goes to a hidden sibling, which is then renamed over
 * the original, so an interrupted {@code rig fmt} leaves each file old or new, never cut short. The
 * original's permissions are kept.
 */
final class AtomicFile {
  private static final AtomicLong UNIQUE = new AtomicLong();

  private AtomicFile() {}

  static void write(Path file, String text) throws IOException {
    // Write through a symlink to its target rather than replacing the link with a file.
    Path target = file.toRealPath();
    Path temp = null;
    while (temp == null) {
      Path candidate =
          target.resolveSibling(
              "."
                  + target.getFileName()
                  + ".rig-fmt-"
                  + ProcessHandle.current().pid()
                  + "-"
                  + UNIQUE.incrementAndGet());
      try {
        temp = Files.createFile(candidate);
      } catch (FileAlreadyExistsException taken) {
        // Left by an earlier, interrupted run with the same pid; try the next number.
      }
    }
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      PosixFileAttributeView posix =
          Files.getFileAttributeView(target, PosixFileAttributeView.class);
      if (posix != null) {
        Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new CliFailure("cannot replace `" + file + "` atomically: " + e.getMessage(), e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
