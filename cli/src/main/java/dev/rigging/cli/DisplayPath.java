package dev.rigging.cli;

import java.nio.file.Path;

/**
 * Shows paths the way the compiler does: relative to the working directory when under it, with '/'
 * separators, so output does not depend on where the checkout lives.
 */
final class DisplayPath {
  private DisplayPath() {}

  /** Returns {@code `a`, `b`}: the paths as shown, each quoted. */
  static String list(java.util.List<Path> paths) {
    return String.join(", ", paths.stream().map(p -> "`" + of(p) + "`").toList());
  }

  static String of(Path path) {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
