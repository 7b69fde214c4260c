package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.dsl.MeshFormatter;
import dev.rigging.dsl.MeshParser;
import dev.rigging.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmtCommandTest {
  @TempDir Path tmp;

  @Test
  void checkOnCanonicalFilesExitsZeroAndListsNothing() throws IOException {
    // Canonical by construction, so the test does not depend on the formatter's choices.
    Path file = tmp.resolve("canonical.mesh");
    var parsed =
        new MeshParser()
            .parse(SourceFile.of("canonical.mesh", Files.readString(policy("callme.mesh"))));
    Files.writeString(file, MeshFormatter.format(parsed.file().orElseThrow()));
    var run = rig("fmt", "--check", file);
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertEquals("", run.err());
  }

  @Test
  void checkListsFilesThatWouldChangeExitsOneAndChangesNothing() throws IOException {
    Path file = copy("messy.mesh");
    String before = Files.readString(file);
    var run = rig("fmt", "--check", file);
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertEquals(List.of(file.toString().replace('\\', '/')), run.out().lines().toList());
    assertEquals(before, Files.readString(file));
  }

  @Test
  void fmtRewritesChangedFilesListsThemAndThenTheyAreCanonical() throws IOException {
    Path file = copy("messy.mesh");
    var run = rig("fmt", file);
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(List.of(file.toString().replace('\\', '/')), run.out().lines().toList());
    assertEquals(ExitCodes.OK, rig("fmt", "--check", file).exitCode());
    var again = rig("fmt", file);
    assertEquals("", again.out(), "nothing left to change");
    assertNoLitter();
  }

  @Test
  void formattingKeepsThePolicyValid() throws IOException {
    Path file = copy("messy.mesh");
    rig("fmt", file);
    assertEquals(ExitCodes.OK, rig("check", file).exitCode());
  }

  @Test
  void filesWithSyntaxErrorsAreReportedAndLeftAlone() throws IOException {
    Path file = copy("syntax/syntax.mesh");
    String before = Files.readString(file);
    for (String mode : List.of("--check", "--")) {
      var run = rig("fmt", mode, file);
      assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
      assertEquals("", run.out());
      assertTrue(run.err().contains("error[MESH0101]"), run.err());
      assertEquals(before, Files.readString(file));
    }
  }

  @Test
  void aBrokenFileDoesNotStopTheOthersFromBeingFormatted() throws IOException {
    Path broken = copy("syntax/syntax.mesh");
    Path fine = copy("messy.mesh");
    var run = rig("fmt", tmp);
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertEquals(List.of(fine.toString().replace('\\', '/')), run.out().lines().toList());
    assertEquals(Files.readString(policy("syntax/syntax.mesh")), Files.readString(broken));
  }

  @Test
  void missingFileExitsOne() {
    var run = rig("fmt", "--check", tmp.resolve("nope.mesh"));
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertTrue(run.err().contains("nope.mesh"), run.err());
  }

  private Path copy(String name) throws IOException {
    return Files.copy(policy(name), tmp.resolve(Path.of(name).getFileName()));
  }

  private void assertNoLitter() throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(
          List.of(), files.filter(p -> p.getFileName().toString().startsWith(".")).toList());
    }
  }
}
