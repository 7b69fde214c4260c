package dev.rigging.cli;

import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.diag.Code;
import dev.rigging.diag.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig check}: compile and report, write nothing. */
@Command(
    name = "check",
    header = "Check policy and print diagnostics; write nothing.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Checks .mesh policy: parses the given files and directories (every *.mesh below a "
          + "directory) and everything they import, runs every check, and prints the diagnostics. "
          + "Writes nothing but the --sarif-output file. Silent when there is nothing to report "
          + "(human format).",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig check policies/                    check a whole policy tree",
      "  rig check mesh.mesh routes.mesh        check two files and their imports",
      "  rig check --werror policies/           fail on warnings too (for CI)",
      "  rig check --sarif-output r.sarif p/     human diagnostics, and a SARIF log for code"
          + " scanning",
      "  rig check --format json policies/ | jq '.diagnostics[] | .code'",
      "",
      "Exit codes:",
      "  0  no errors (warnings allowed unless --werror)",
      "  1  errors, or warnings with --werror",
      "  2  bad usage or internal error"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FormatOption format;

  @Option(
      names = "--werror",
      description = "Treat warnings as errors for the exit code (exit 1 if any). Example: --werror")
  boolean werror;

  @Option(
      names = "--sarif-output",
      paramLabel = "FILE",
      description =
          "Also write the diagnostics to FILE as a SARIF 2.1.0 log, whatever --format says: one run"
              + " gives people their diagnostics and code scanning its log. Example: --sarif-output"
              + " reports/rigging.sarif")
  Path sarifOutput;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "A .mesh file or a directory of them. Example: policies/ or policies/mesh.mesh")
  List<Path> paths;

  @Override
  public Integer call() {
    Compilation compilation = new Compiler().compile(paths);
    requireSources(compilation, paths);
    Reporter reporter =
        new Reporter(format.format, spec.commandLine().getOut(), spec.commandLine().getErr());
    reporter.report(compilation.diagnostics(), compilation.dropped());
    if (sarifOutput != null) {
      writeSarif(compilation);
    }
    return exitCode(compilation, werror);
  }

  private void writeSarif(Compilation compilation) {
    try {
      Path parent = sarifOutput.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
      java.nio.file.Files.writeString(
          sarifOutput, Json.text(Sarif.log(compilation.diagnostics(), compilation.dropped())));
    } catch (java.io.IOException e) {
      throw new CliFailure("cannot write `" + sarifOutput + "`: " + CliFailure.describe(e), e);
    }
  }

  /**
   * Fails when the paths held no {@code .mesh} file at all: checking nothing and passing would hide
   * a mistyped path in CI.
   */
  static void requireSources(Compilation compilation, List<Path> paths) {
    if (compilation.sources().isEmpty() && !compilation.hasErrors()) {
      throw new CliFailure("no .mesh files found in " + DisplayPath.list(paths));
    }
  }

  /** 1 when there are errors, or warnings under {@code --werror}; else 0. */
  static int exitCode(Compilation compilation, boolean werror) {
    // A path on the command line that cannot be read is the caller's mistake, not the policy's.
    if (compilation.diagnostics().stream().anyMatch(d -> d.code() == Code.INPUT_ERROR)) {
      return ExitCodes.USAGE_OR_INTERNAL;
    }
    boolean failed =
        compilation.hasErrors()
            || (werror
                && compilation.diagnostics().stream()
                    .anyMatch(d -> d.severity() == Severity.WARNING));
    return failed ? ExitCodes.POLICY_ERRORS : ExitCodes.OK;
  }
}
