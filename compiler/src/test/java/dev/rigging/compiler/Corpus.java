package dev.rigging.compiler;

import dev.rigging.diag.HumanRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The policy corpus under {@code src/test/resources/diagnostics}: one folder per case, each
 * compiled as a whole (every {@code .mesh} file in it), as {@code rig check <folder>} would.
 *
 * <ul>
 *   <li>{@code broken/}: realistic mistakes; each must fail the check.
 *   <li>{@code warnings/}: policies that compile but deserve a warning.
 *   <li>{@code clean/}: valid policies that must compile without any diagnostic.
 * </ul>
 */
final class Corpus {
  private Corpus() {}

  /**
   * Returns the module directory. Surefire runs tests there; an IDE may run them from the
   * repository root instead.
   */
  static Path moduleDir() {
    Path cwd = Path.of("").toAbsolutePath();
    return Files.isDirectory(cwd.resolve("src/test/resources/diagnostics"))
        ? cwd
        : cwd.resolve("compiler");
  }

  static Path root() {
    return moduleDir().resolve("src/test/resources/diagnostics");
  }

  /**
   * Returns the case folders of one kind ({@code broken}, {@code warnings}, {@code clean}), sorted.
   */
  static List<Path> cases(String kind) {
    try (Stream<Path> folders = Files.list(root().resolve(kind))) {
      return folders.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Compilation compile(Path folder) {
    return new Compiler().compile(List.of(folder));
  }

  /**
   * Renders the diagnostics with paths relative to the case folder, so the approved text does not
   * depend on where the checkout or the working directory is.
   */
  static String render(Path folder, Compilation compilation) {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path absolute = folder.toAbsolutePath().normalize();
    String shown =
        (absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute)
            .toString()
            .replace('\\', '/');
    return HumanRenderer.render(compilation.diagnostics(), compilation.dropped())
        .replace(shown + "/", "");
  }
}
