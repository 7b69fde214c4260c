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
import java.util.ArrayList;
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

  /** A file read and parsed, or the reason it could not be read. */
  private record Read(
      Pending pending,
      Path absolute,
      String display,
      SourceFile source,
      String sha256,
      ParseResult parsed,
      Exception error) {}

  /**
   * Loads breadth-first, a wave at a time: the roots, then the files they import, and so on. The
   * files of a wave are read and parsed in parallel (they are independent, and parsing is most of
   * the front end's time), then taken in order, so the result, diagnostics included, is the same as
   * one file after another.
   */
  Loaded load(List<Path> roots) {
    List<Pending> wave = new ArrayList<>();
    for (Path root : roots) {
      for (Path file : expand(root)) {
        wave.add(new Pending(file, null));
      }
    }
    Set<Path> seen = new LinkedHashSet<>();
    List<MeshFile> files = new ArrayList<>();
    List<SourceFile> sources = new ArrayList<>();
    List<Mesh.Input> inputs = new ArrayList<>();
    while (!wave.isEmpty()) {
      List<Pending> fresh = new ArrayList<>();
      List<Path> absolutes = new ArrayList<>();
      for (Pending pending : wave) {
        Path absolute = pending.path().toAbsolutePath().normalize();
        if (seen.add(absolute)) {
          fresh.add(pending);
          absolutes.add(absolute);
        }
      }
      List<Read> reads =
          java.util.stream.IntStream.range(0, fresh.size())
              .parallel()
              .mapToObj(i -> read(fresh.get(i), absolutes.get(i)))
              .toList();
      List<Pending> next = new ArrayList<>();
      for (Read read : reads) {
        if (read.error() != null) {
          reportUnreadable(read.pending(), read.display(), read.error());
          continue;
        }
        sources.add(read.source());
        inputs.add(new Mesh.Input(read.display(), read.sha256()));
        diagnostics.addAll(read.parsed().diagnostics());
        read.parsed().file().ifPresent(file -> follow(file, read.absolute(), files, next));
      }
      wave = next;
    }
    inputs.sort(java.util.Comparator.comparing(Mesh.Input::path));
    return new Loaded(files, sources, inputs);
  }

  /** Reads and parses one file; thread-safe. */
  private Read read(Pending pending, Path absolute) {
    String display = display(absolute);
    String text;
    try {
      text = reader.read(absolute);
    } catch (IOException | RuntimeException e) {
      return new Read(pending, absolute, display, null, null, null, e);
    }
    SourceFile source = SourceFile.of(display, text);
    return new Read(pending, absolute, display, source, sha256(text), parser.parse(source), null);
  }

  /** Adds a parsed file and queues its imports. */
  private void follow(MeshFile file, Path absolute, List<MeshFile> files, List<Pending> next) {
    files.add(file);
    for (MeshFile.Import imp : file.imports()) {
      try {
        next.add(new Pending(absolute.resolveSibling(imp.path().text()), imp.path().span()));
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
