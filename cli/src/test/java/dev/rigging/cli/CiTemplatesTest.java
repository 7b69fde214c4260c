package dev.rigging.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the CI templates thin and in step with the script: they parse as YAML, and every call of
 * {@code ci/rigging-ci.sh} in them uses a mode and options the script accepts.
 */
class CiTemplatesTest {
  private static final Path CI = Path.of("../ci").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern CALL =
      Pattern.compile("ci/rigging-ci\\.sh\\s+(\\S+)((?:\\s+--\\S+)*)?");

  private static List<String> calls(Path template) throws Exception {
    JsonNode root = YAML.readTree(Files.readString(template));
    List<String> texts = new ArrayList<>();
    collect(root, texts);
    List<String> calls = new ArrayList<>();
    for (String text : texts) {
      Matcher m = Pattern.compile("ci/rigging-ci\\.sh[^\\n]*(\\n[^\\n]*)*").matcher(text);
      if (m.find()) {
        calls.add(m.group().replaceAll("\\s+", " "));
      }
    }
    return calls;
  }

  private static void collect(JsonNode node, List<String> texts) {
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(child -> collect(child, texts));
  }

  private static void assertCallsAreKnown(List<String> calls, List<String> modes) throws Exception {
    String script = Files.readString(CI.resolve("rigging-ci.sh"));
    assertEquals(modes, calls.stream().map(c -> c.split(" ")[1]).toList(), calls.toString());
    for (String call : calls) {
      Matcher option = Pattern.compile("(--[a-z-]+)").matcher(call);
      while (option.find()) {
        assertTrue(
            script.contains("  " + option.group(1) + ")"),
            "the script has no option " + option.group(1) + ": " + call);
      }
    }
  }

  @Test
  void githubWorkflow_callsTheScriptForPullRequestsAndPublish() throws Exception {
    List<String> calls = calls(CI.resolve("github/rigging.yml"));
    assertCallsAreKnown(calls, List.of("pull-request", "publish"));
    String workflow = Files.readString(CI.resolve("github/rigging.yml"));
    assertTrue(workflow.contains("github/codeql-action/upload-sarif"), "uploads SARIF");
    assertTrue(
        workflow.contains("--body-file rigging-reports/rigging-diff.md"), "comments the diff");
    assertTrue(workflow.contains("fetch-depth: 0"), "rig diff needs the base revision's history");
  }

  @Test
  void gitlabJob_callsTheScriptForMergeRequestsAndPublish() throws Exception {
    List<String> calls = calls(CI.resolve("gitlab/rigging.gitlab-ci.yml"));
    assertCallsAreKnown(calls, List.of("pull-request", "publish"));
    assertTrue(CALL.matcher(calls.getFirst()).find());
  }
}
