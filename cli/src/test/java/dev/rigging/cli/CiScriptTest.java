package dev.rigging.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ci/rigging-ci.sh} with bash, end to end, in a real Git repository shaped like a pull
 * request: a feature branch off main, while main moved on. rig runs from this build's classes.
 */
class CiScriptTest {
  private static final Path SCRIPT = Path.of("../ci/rigging-ci.sh").toAbsolutePath().normalize();
  private static final String MESH = "policies/callme/callme.mesh";

  /** rig as the script should run it: this JVM's java, this test's class path. */
  private static String rigCommand() {
    String java = ProcessHandle.current().info().command().orElse("java");
    return java + " -cp " + System.getProperty("java.class.path") + " dev.rigging.cli.Main";
  }

  private record Result(int exitCode, String output) {}

  private static Result script(Path repo, Path githubOutput, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
    builder.environment().put("RIG", rigCommand());
    builder.environment().put("GITHUB_OUTPUT", githubOutput.toString());
    builder.redirectErrorStream(true);
    Path log = Files.createTempFile("rigging-ci", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("rigging-ci.sh did not finish: " + Files.readString(log));
    }
    String output = Files.readString(log);
    Files.delete(log);
    return new Result(process.exitValue(), output);
  }

  /**
   * main: the canary; feature: 0/100; main meanwhile: a longer delay, which the PR must not show.
   */
  private static GitFixture pullRequest(Path dir, String featureMesh) {
    GitFixture repo = GitFixture.init(dir);
    repo.copy("callme/callme.mesh", MESH).commit("canary 20/80");
    repo.checkout("feature", true);
    repo.write(MESH, featureMesh).commit("feature");
    repo.checkout("main", false);
    repo.write(MESH, GitFixture.example("callme/callme.mesh").replace("delay 5s", "delay 6s"))
        .commit("main moves on: longer delay");
    repo.checkout("feature", false);
    return repo;
  }

  @Test
  void pullRequest_writesSarifAndADiffAgainstTheMergeBase(@TempDir Path dir) throws Exception {
    String shifted =
        GitFixture.example("callme/callme.mesh")
            .replace("split v1 20%, v2 80%", "split v1 0%, v2 100%");
    Path outputs = dir.resolve("github-output");
    try (GitFixture repo = pullRequest(dir.resolve("repo"), shifted)) {
      Result run = script(repo.top(), outputs, "pull-request", "--base", "main", "policies/callme");
      assertEquals(0, run.exitCode(), run.output());
      Path reports = repo.top().resolve("rigging-reports");
      JsonNode sarif =
          Json.MAPPER.readTree(Files.readString(reports.resolve("sarif/policies_callme.sarif")));
      assertEquals("2.1.0", sarif.path("version").asText());
      assertEquals(0, sarif.at("/runs/0/results").size());
      String markdown = Files.readString(reports.resolve("rigging-diff.md"));
      assertTrue(markdown.startsWith(DiffOutput.MARKDOWN_MARKER), markdown);
      assertTrue(markdown.contains("`callme v2`: 80% → 100%"), markdown);
      assertFalse(markdown.contains("delay"), "main's own change is not the PR's: " + markdown);
      assertTrue(Files.readString(reports.resolve("check.txt")).isEmpty(), "a clean check");
      assertTrue(
          Files.readString(outputs).contains("diff-changed=true"), Files.readString(outputs));
    }
  }

  @Test
  void pullRequestWithPolicyErrors_failsWithSarifResultsAndErrorsInTheComment(@TempDir Path dir)
      throws Exception {
    String broken =
        GitFixture.example("callme/callme.mesh")
            .replace("split v1 20%, v2 80%", "split v1 20%, v3 80%");
    try (GitFixture repo = pullRequest(dir.resolve("repo"), broken)) {
      Result run =
          script(
              repo.top(), dir.resolve("out"), "pull-request", "--base", "main", "policies/callme");
      assertEquals(1, run.exitCode(), run.output());
      assertTrue(run.output().contains("error[MESH0202]"), run.output());
      Path reports = repo.top().resolve("rigging-reports");
      JsonNode sarif =
          Json.MAPPER.readTree(Files.readString(reports.resolve("sarif/policies_callme.sarif")));
      assertEquals("MESH0202", sarif.at("/runs/0/results/0/ruleId").asText());
      assertEquals(
          "policies/callme/callme.mesh",
          sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
      String markdown = Files.readString(reports.resolve("rigging-diff.md"));
      assertTrue(markdown.contains("has errors at the head revision"), markdown);
      assertTrue(markdown.contains("error[MESH0202]"), markdown);
    }
  }

  @Test
  void publish_compilesEachMeshIntoTheOutputDirectory(@TempDir Path dir) throws Exception {
    try (GitFixture repo = GitFixture.init(dir.resolve("repo"))) {
      repo.copy("callme/callme.mesh", MESH).commit("canary");
      Path out = dir.resolve("compiled");
      Result run =
          script(
              repo.top(),
              dir.resolve("gh"),
              "publish",
              "--out",
              out.toString(),
              "--repo",
              dir.resolve("output.git").toString(),
              "policies/callme");
      assertEquals(0, run.exitCode(), run.output());
      assertTrue(Files.isRegularFile(out.resolve("policies/callme/manifest.json")), run.output());
      // Committed under the mesh's own directory of the output branch; a second run adds nothing.
      try (var output = org.eclipse.jgit.api.Git.open(dir.resolve("output.git").toFile())) {
        var repository = output.getRepository();
        var tip = repository.parseCommit(repository.resolve("refs/heads/rigging-compiled"));
        assertTrue(
            org.eclipse.jgit.treewalk.TreeWalk.forPath(
                    repository, "policies/callme/envoy/callme/bootstrap.json", tip.getTree())
                != null,
            run.output());
        Result again =
            script(
                repo.top(),
                dir.resolve("gh"),
                "publish",
                "--out",
                dir.resolve("compiled-again").toString(),
                "--repo",
                dir.resolve("output.git").toString(),
                "policies/callme");
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("no change"), again.output());
        assertEquals(
            tip, repository.parseCommit(repository.resolve("refs/heads/rigging-compiled")));
      }
    }
  }

  @Test
  void badUsage_exitsTwo(@TempDir Path dir) throws Exception {
    try (GitFixture repo = GitFixture.init(dir.resolve("repo"))) {
      repo.copy("callme/callme.mesh", MESH).commit("canary");
      assertEquals(
          2, script(repo.top(), dir.resolve("o"), "pull-request", "policies/callme").exitCode());
      assertEquals(2, script(repo.top(), dir.resolve("o"), "deploy", "policies/callme").exitCode());
      Result unknownBase =
          script(repo.top(), dir.resolve("o"), "diff", "--base", "nope", "policies/callme");
      assertEquals(2, unknownBase.exitCode(), unknownBase.output());
      assertTrue(
          unknownBase.output().contains("unknown base revision `nope`"), unknownBase.output());
    }
  }
}
