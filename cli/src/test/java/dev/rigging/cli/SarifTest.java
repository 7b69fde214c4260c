package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.rigging.diag.Code;
import java.io.InputStream;
import java.util.Set;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;

class SarifTest {
  private static final JsonSchema SCHEMA = loadSchema();

  private static JsonSchema loadSchema() {
    try (InputStream in = SarifTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode validSarif(String text) throws Exception {
    JsonNode log = Json.MAPPER.readTree(text);
    Set<ValidationMessage> errors = SCHEMA.validate(log);
    assertTrue(errors.isEmpty(), () -> "SARIF schema violations: " + errors);
    return log;
  }

  @Test
  void errorsWithFixesAndRelatedSpans_matchGoldenAndTheSarifSchema() throws Exception {
    var run = rig("check", "--format", "sarif", policy("typos.mesh"));
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertEquals("", run.err());
    JsonNode log = validSarif(run.out());
    JsonNode results = log.at("/runs/0/results");
    assertTrue(results.size() > 0);
    assertTrue(
        results.findValues("fixes").size() > 0, "typos.mesh has a did-you-mean fix: " + results);
    assertTrue(results.findValues("relatedLocations").size() > 0, "typos.mesh has related spans");
    // The golden holds the results; rule texts come from docs/DIAGNOSTICS.md and are checked in
    // everyCodeIsARule_…, so an edit to the reference does not touch this file. Version numbers
    // change on release; the golden need not.
    var driver = (com.fasterxml.jackson.databind.node.ObjectNode) log.at("/runs/0/tool/driver");
    driver.put("rules", "<one rule per diagnostic code>");
    driver.put("version", "<version>");
    Approvals.verify(Json.text(log), new Options().forFile().withExtension(".sarif.json"));
  }

  @Test
  void schemaCheckRejectsAnInvalidLog() throws Exception {
    var log =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            Json.MAPPER.readTree(rig("check", "--format", "sarif", policy("typos.mesh")).out());
    ((com.fasterxml.jackson.databind.node.ObjectNode) log.at("/runs/0/results/0"))
        .put("level", "fatal");
    assertFalse(SCHEMA.validate(log).isEmpty(), "a level SARIF does not define must be rejected");
  }

  @Test
  void sarifOutputFile_isWrittenBesideHumanDiagnostics(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    var file = dir.resolve("reports/rigging.sarif");
    var run = rig("check", "--sarif-output", file, policy("typos.mesh"));
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().contains("error[MESH0201]"), run.err());
    JsonNode log = validSarif(java.nio.file.Files.readString(file));
    assertEquals("MESH0201", log.at("/runs/0/results/0/ruleId").asText());
  }

  @Test
  void cleanPolicy_isAValidLogWithNoResults() throws Exception {
    var run = rig("check", "--format", "sarif", policy("callme.mesh"));
    assertEquals(ExitCodes.OK, run.exitCode());
    JsonNode log = validSarif(run.out());
    assertEquals(0, log.at("/runs/0/results").size());
  }

  @Test
  void warningsHaveLevelWarning_andMissingInputIsStillValidSarif() throws Exception {
    JsonNode warned = validSarif(rig("check", "--format", "sarif", policy("warned")).out());
    assertEquals("warning", warned.at("/runs/0/results/0/level").asText());
    var missing = rig("check", "--format", "sarif", "no/such.mesh");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, missing.exitCode());
    JsonNode log = validSarif(missing.out());
    assertEquals("MESH0904", log.at("/runs/0/results/0/ruleId").asText());
  }

  @Test
  void everyCodeIsARule_withHelpFromTheDiagnosticsReference() throws Exception {
    JsonNode rules =
        validSarif(rig("check", "--format", "sarif", policy("callme.mesh")).out())
            .at("/runs/0/tool/driver/rules");
    assertEquals(Code.values().length, rules.size());
    for (JsonNode rule : rules) {
      String id = rule.path("id").asText();
      assertFalse(rule.at("/fullDescription/text").asText().isEmpty(), id + " fullDescription");
      assertTrue(rule.at("/fullDescription/text").asText().startsWith("Fires when"), id);
      assertFalse(rule.at("/help/text").asText().isEmpty(), id + " help");
      assertTrue(rule.at("/help/markdown").asText().contains("Fix"), id + " help markdown");
    }
  }

  @Test
  void resultRegionsPointJustPastTheSpan_likeTheJsonForm() throws Exception {
    JsonNode sarif =
        validSarif(rig("check", "--format", "sarif", policy("typos.mesh")).out())
            .at("/runs/0/results");
    JsonNode json =
        Json.MAPPER
            .readTree(rig("check", "--format", "json", policy("typos.mesh")).out())
            .path("diagnostics");
    assertEquals(json.size(), sarif.size());
    for (int i = 0; i < json.size(); i++) {
      JsonNode region = sarif.get(i).at("/locations/0/physicalLocation/region");
      JsonNode d = json.get(i);
      assertEquals(d.path("code").asText(), sarif.get(i).path("ruleId").asText());
      assertEquals(d.path("line").asInt(), region.path("startLine").asInt());
      assertEquals(d.path("column").asInt(), region.path("startColumn").asInt());
      assertEquals(d.path("end_line").asInt(), region.path("endLine").asInt());
      assertEquals(d.path("end_column").asInt(), region.path("endColumn").asInt());
      assertEquals(
          d.path("file").asText(),
          sarif.get(i).at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    }
  }
}
