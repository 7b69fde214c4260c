package dev.rigging.compiler;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.MeshParser;
import dev.rigging.dsl.ParseResult;
import dev.rigging.dsl.ast.MeshFile;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the root files and directories, parses them, and follows {@code import}s, each file once
 * however often it is imported (so import cycles are harmless). Paths are shown relative to the
 * display base (the working directory unless the compiler was given another) when they lie under
 * it, so diagnostics and manifests do not depend on where the checkout is.
 */
final class SourceLoader {
  private final SourceReader reader;
  private final Diagnostics diagnostics;
  private final MeshParser parser = new MeshParser();
  private final Path cwd;

  SourceLoader(SourceReader reader, Diagnostics diagnostics, Path displayBase) {
    this.reader = reader;
    this.diagnostics = diagnostics;
    this.cwd = displayBase;
  }

  /** What was loaded: parsed files, every source read, and their hashes for the manifest. */
  record Loaded(List<MeshFile> files, List<SourceFile> sources, List<Mesh.Input> inputs) {}

  /** A file still to read, and the import that asked for it (null for a root). */
  private record Pending(Path path, Span importedAt) {}

  Loaded load(List<Path> roots) {
    Deque<Pending> queue = new ArrayDeque<>();
    for (Path root : roots) {
      for (Path file : expand(root)) {
        queue.add(new Pending(file, null));
      }
    }
    Set<Path> seen = new LinkedHashSet<>();
    List<MeshFile> files = new ArrayList<>();
    List<SourceFile> sources = new ArrayList<>();
    List<Mesh.Input> inputs = new ArrayList<>();
    while (!queue.isEmpty()) {
      Pending next = queue.removeFirst();
      Path absolute = next.path().toAbsolutePath().normalize();
      if (!seen.add(absolute)) {
        continue;
      }
      String display = display(absolute);
      String text;
      try {
        text = reader.read(absolute);
      } catch (IOException | RuntimeException e) {
        reportUnreadable(next, display, e);
        continue;
      }
      SourceFile source = SourceFile.of(display, text);
      sources.add(source);
      inputs.add(new Mesh.Input(display, sha256(text)));
      ParseResult parsed = parser.parse(source);
      diagnostics.addAll(parsed.diagnostics());
      parsed
          .file()
          .ifPresent(
              file -> {
                files.add(file);
                for (MeshFile.Import imp : file.imports()) {
                  try {
                    queue.add(
                        new Pending(absolute.resolveSibling(imp.path().text()), imp.path().span()));
                  } catch (InvalidPathException e) {
                    // NUL, or a character the platform's file-name encoding cannot hold
                    diagnostics.add(
                        Diagnostic.error(
                                Code.IMPORT_NOT_FOUND,
                                imp.path().span(),
                                "import path `" + imp.path().text() + "` is not a valid file path")
                            .label("cannot name a file")
                            .note(e.getReason()));
                  }
                }
              });
    }
    inputs.sort(java.util.Comparator.comparing(Mesh.Input::path));
    return new Loaded(files, sources, inputs);
  }

  private List<Path> expand(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of(root);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".mesh") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      reportUnreadable(new Pending(root, null), display(root.toAbsolutePath()), e);
      return List.of();
    }
  }

  private void reportUnreadable(Pending pending, String display, Exception e) {
    String why =
        e instanceof java.nio.file.NoSuchFileException
            ? "no such file"
            : String.valueOf(e.getMessage());
    if (pending.importedAt() != null) {
      diagnostics.add(
          Diagnostic.error(
                  Code.IMPORT_NOT_FOUND,
                  pending.importedAt(),
                  "cannot read imported file `" + display + "`: " + why)
              .label("imported here")
              .help("import paths are relative to the importing file"));
    } else {
      SourceFile missing = SourceFile.of(display, "");
      diagnostics.add(
          Diagnostic.error(
              Code.INPUT_ERROR, new Span(missing, 0, 0), "cannot read `" + display + "`: " + why));
    }
  }

  private String display(Path absolute) {
    Path shown = absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
