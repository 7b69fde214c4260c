package dev.rigging.cli;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.HumanRenderer;
import dev.rigging.dsl.MeshFormatter;
import dev.rigging.dsl.MeshParser;
import dev.rigging.dsl.ParseResult;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig fmt}: rewrite files in the one canonical format, or list those that are not. */
@Command(
    name = "fmt",
    header = "Format .mesh files canonically, or list those that are not (--check).",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Formats .mesh files canonically. The files named (and every *.mesh below a directory; "
          + "imports are not followed) are rewritten in place, each atomically, and the changed "
          + "ones are listed on stdout, one path per line. Files with syntax errors are reported "
          + "on stderr and left alone.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig fmt policies/                  reformat every .mesh file under policies/",
      "  rig fmt --check policies/          list files that would change (for CI)",
      "",
      "Exit codes:",
      "  0  every file canonical (or now rewritten)",
      "  1  files would change (--check), or do not parse or cannot be read",
      "  2  bad usage, a file that cannot be written, or internal error"
    })
final class FmtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--check",
      description =
          "Change nothing: list the files that are not canonically formatted; exit 1 if any. "
              + "Example: rig fmt --check policies/")
  boolean check;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "A .mesh file or a directory of them. Example: policies/ or policies/mesh.mesh")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Diagnostic> diagnostics = new ArrayList<>();
    int changed = 0;
    List<Path> files = files(diagnostics);
    if (files.isEmpty() && diagnostics.isEmpty()) {
      throw new CliFailure("no .mesh files found in " + DisplayPath.list(paths));
    }
    for (Path file : files) {
      String display = DisplayPath.of(file);
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        diagnostics.add(unreadable(display, e));
        continue;
      }
      ParseResult parsed = new MeshParser().parse(SourceFile.of(display, text));
      if (parsed.hasErrors() || parsed.file().isEmpty()) {
        diagnostics.addAll(parsed.diagnostics());
        continue;
      }
      String formatted = MeshFormatter.format(parsed.file().get());
      if (formatted.equals(text)) {
        continue;
      }
      // Never write text that no longer parses: that would turn a formatter bug into data loss.
      if (new MeshParser().parse(SourceFile.of(display, formatted)).hasErrors()) {
        throw new IllegalStateException(
            "the formatter produced text that does not parse for " + display);
      }
      if (!check) {
        try {
          AtomicFile.write(file, formatted);
        } catch (IOException e) {
          throw new CliFailure("cannot write `" + display + "`: " + CliFailure.describe(e), e);
        }
      }
      out.println(display);
      changed++;
    }
    out.flush();
    if (!diagnostics.isEmpty()) {
      diagnostics.sort(Diagnostic.ORDER);
      err.print(HumanRenderer.render(diagnostics, 0));
    }
    if (check && changed > 0) {
      err.println(
          "rig: "
              + changed
              + (changed == 1 ? " file is" : " files are")
              + " not canonically formatted; run `rig fmt` to fix");
    }
    err.flush();
    boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError) || (check && changed > 0);
    return failed ? ExitCodes.POLICY_ERRORS : ExitCodes.OK;
  }

  /**
   * The files named, with directories expanded to their {@code *.mesh} files, sorted, each once.
   */
  private List<Path> files(List<Diagnostic> diagnostics) throws IOException {
    Set<Path> files = new LinkedHashSet<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(p -> p.getFileName().toString().endsWith(".mesh") && Files.isRegularFile(p))
              .sorted()
              .forEach(p -> files.add(p.normalize()));
        }
      } else if (Files.exists(path)) {
        files.add(path.normalize());
      } else {
        diagnostics.add(unreadable(DisplayPath.of(path), new NoSuchFileException(path.toString())));
      }
    }
    return List.copyOf(files);
  }

  private static Diagnostic unreadable(String display, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file" : CliFailure.describe(e);
    return Diagnostic.error(
            Code.INPUT_ERROR,
            new Span(SourceFile.of(display, ""), 0, 0),
            "cannot read `" + display + "`: " + why)
        .build();
  }
}
