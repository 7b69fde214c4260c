package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class UsageTest {
  @Test
  void unknownOptionExitsTwoWithMessageAndHint() {
    var run = rig("check", "--bogus", policy("callme.mesh"));
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("rig: Unknown option: '--bogus'"), run.err());
    assertTrue(run.err().contains("Try 'rig check --help' for more information."), run.err());
  }

  @Test
  void compileWithoutOutExitsTwo() {
    var run = rig("compile", policy("callme.mesh"));
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("give --out DIR, --commit, or both"), run.err());
  }

  @Test
  void commandsWithoutPathsExitTwo() {
    for (String command : List.of("check", "compile", "inject", "fmt")) {
      assertEquals(ExitCodes.USAGE_OR_INTERNAL, rig(command).exitCode(), command);
    }
  }

  @Test
  void unknownFormatExitsTwo() {
    var run = rig("check", "--format", "xml", policy("callme.mesh"));
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("expected `human`, `json` or `sarif`"), run.err());
  }

  @Test
  void misspelledCommandGetsASuggestion() {
    var run = rig("chek", policy("callme.mesh"));
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("rig check"), run.err());
  }

  @Test
  void noCommandExitsTwo() {
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, rig().exitCode());
  }

  @Test
  void helpAndVersionExitZeroOnStdout() {
    var help = rig("--help");
    assertEquals(ExitCodes.OK, help.exitCode());
    assertTrue(help.out().contains("compile"), help.out());
    var helpCompile = rig("help", "compile");
    assertEquals(ExitCodes.OK, helpCompile.exitCode());
    assertTrue(helpCompile.out().contains("Examples:"), helpCompile.out());
    var version = rig("--version");
    assertEquals(ExitCodes.OK, version.exitCode());
    assertEquals("rigging " + Version.number() + "\n", version.out().replace("\r\n", "\n"));
  }

  @Test
  void versionComesFromTheBuild() {
    assertTrue(Version.number().matches("\\d+\\.\\d+\\.\\d+.*"), Version.number());
  }

  @Test
  void everyCommandAndOptionDocumentsAnExample() {
    CommandLine rig =
        Rig.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertTrue(
        String.join("\n", rig.getCommandSpec().usageMessage().footer()).contains("Examples:"));
    // Each command's footer is headed "Examples:" and lists at least one `rig <command>` line.
    List<String> missing = new java.util.ArrayList<>();
    for (String name : rig.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      var spec = rig.getSubcommands().get(name).getCommandSpec();
      if (!spec.usageMessage().footerHeading().contains("Examples:")
          || !String.join("\n", spec.usageMessage().footer()).contains("rig " + name)) {
        missing.add(name + " (footer)");
      }
      for (OptionSpec option : spec.options()) {
        if (!option.usageHelp()
            && !option.versionHelp()
            && !String.join(" ", option.description()).contains("Example:")) {
          missing.add(name + " " + option.longestName());
        }
      }
      spec.positionalParameters().stream()
          .filter(p -> !String.join(" ", p.description()).contains("Example:"))
          .forEach(p -> missing.add(name + " " + p.paramLabel()));
    }
    assertEquals(List.of(), missing, "options and commands without an example");
  }

  @Test
  void unexpectedExceptionIsOneLineWithItsCausesAndNoStackTrace() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine rig =
        Rig.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    Exception boom =
        new IllegalStateException(
            "emitter gave up", new UncheckedIOException("disk on fire", new IOException("EIO")));
    int code = Failures.EXECUTION.handleExecutionException(boom, rig, null);
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, code);
    assertEquals(
        "rig: internal error: emitter gave up: disk on fire: EIO\n",
        err.toString().replace("\r\n", "\n"));
    assertFalse(err.toString().contains("\tat "));
  }

  @Test
  void internalErrorWithoutMessageNamesTheExceptionType() {
    assertEquals(
        "rig: internal error: java.lang.NullPointerException",
        Failures.internalError(new NullPointerException()));
  }

  @Test
  void expectedFailuresAreNotCalledInternal() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine rig =
        Rig.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    int code =
        Failures.EXECUTION.handleExecutionException(
            new CliFailure("refusing to replace `x`"), rig, null);
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, code);
    assertEquals("rig: refusing to replace `x`\n", err.toString().replace("\r\n", "\n"));
  }

  @Test
  void aDirectoryWithoutMeshFilesIsAnErrorNotASilentPass(@TempDir Path empty) {
    for (String command : List.of("check", "fmt")) {
      var run = rig(command, empty);
      assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode(), command);
      assertTrue(run.err().startsWith("rig: no .mesh files found in `"), run.err());
    }
    var run = rig("compile", empty, "--out", empty.resolve("out"));
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertFalse(java.nio.file.Files.exists(empty.resolve("out")));
  }
}
