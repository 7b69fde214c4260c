package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

class CheckCommandTest {
  @Test
  void cleanPolicyExitsZeroAndPrintsNothing() {
    var run = rig("check", policy("callme.mesh"));
    assertEquals(ExitCodes.OK, run.exitCode());
    assertEquals("", run.out());
    assertEquals("", run.err());
  }

  @Test
  void brokenPolicyExitsOne() {
    assertEquals(ExitCodes.POLICY_ERRORS, rig("check", policy("broken.mesh")).exitCode());
  }

  @Test
  void missingPath_exitsTwoWithALocatedMessageAndNoSourceSnippet() {
    var run = rig("check", "no/such/dir.mesh");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(
        run.err().startsWith("no/such/dir.mesh:1:1: error[MESH0904]: cannot read"), run.err());
    assertFalse(run.err().contains(" | "), run.err());
  }

  @Test
  void humanDiagnosticsGoToStderrAndLeaveStdoutEmpty() {
    // A small policy with an error carrying a fix, one with a related span, and a warning.
    var run = rig("check", policy("typos.mesh"));
    assertEquals("", run.out());
    Approvals.verify(run.err());
  }

  @Test
  void jsonDiagnosticsAreOneDocumentOnStdout() throws Exception {
    var run = rig("check", "--format", "json", policy("typos.mesh"));
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertEquals("", run.err());
    JsonNode doc = Json.MAPPER.readTree(run.out());
    assertEquals(
        doc.path("diagnostics").size(), doc.path("errors").asInt() + doc.path("warnings").asInt());
    Approvals.verify(run.out(), new Options().forFile().withExtension(".json"));
  }

  @Test
  void jsonForACleanPolicyHasNoDiagnostics() throws Exception {
    var run = rig("check", "--format=json", policy("callme.mesh"));
    assertEquals(ExitCodes.OK, run.exitCode());
    JsonNode doc = Json.MAPPER.readTree(run.out());
    assertEquals(DiagnosticJson.SCHEMA, doc.path("schema").asText());
    assertEquals(0, doc.path("diagnostics").size());
    assertEquals(0, doc.path("errors").asInt());
  }

  @Test
  void warningsAloneExitZero() {
    var run = rig("check", policy("warned"));
    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.err().contains("warning[MESH0506]"), run.err());
  }

  @Test
  void werrorMakesWarningsFail() {
    assertEquals(ExitCodes.POLICY_ERRORS, rig("check", "--werror", policy("warned")).exitCode());
    assertEquals(ExitCodes.OK, rig("check", "--werror", policy("callme.mesh")).exitCode());
  }

  @Test
  void directoriesAreExpandedAndImportsFollowed() {
    // routes.mesh alone only makes sense with the services it imports.
    assertEquals(ExitCodes.OK, rig("check", policy("split/routes.mesh")).exitCode());
    assertEquals(ExitCodes.OK, rig("check", policy("split")).exitCode());
  }

  @Test
  void syntaxErrorsExitOne() {
    var run = rig("check", policy("syntax"));
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertTrue(run.err().contains("error[MESH0101]"), run.err());
  }
}
