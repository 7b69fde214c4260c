package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  private static final String CALLME = "callme/callme.mesh";

  /** Commit ids in labels, e.g. {@code main (1a2b3c4)}, depend on the policies' text. */
  private static String stable(String output) {
    return output.replaceAll("\\(([0-9a-f]{7})\\)", "(<sha>)");
  }

  private static String canary(String split, String authzPaths) {
    return GitFixture.example(CALLME)
        .replace("split v1 20%, v2 80%", split)
        .replace("to GET \"/callme/*\", \"/callme\"", authzPaths);
  }

  private static RigRunner.Run diff(GitFixture repo, Object... args) {
    Object[] all = new Object[args.length + 3];
    all[0] = "diff";
    all[1] = "--repo";
    all[2] = repo.top();
    System.arraycopy(args, 0, all, 3, args.length);
    return rig(all);
  }

  @Test
  void canary_20_80_to_0_100_reportsWeightsAndLostAccess_text(@TempDir Path dir) {
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.copy(CALLME, "mesh/callme.mesh").commit("canary 20/80");
      repo.write("mesh/callme.mesh", canary("split v1 0%, v2 100%", "to GET \"/callme\""))
          .commit("all on v2; only /callme");
      var run = diff(repo, "HEAD~1", "HEAD");
      assertEquals(ExitCodes.CHANGED, run.exitCode(), run.err());
      assertEquals("", run.err());
      assertTrue(run.out().contains("`callme v2`: 80% → 100%"), run.out());
      Approvals.verify(stable(run.out()));
    }
  }

  @Test
  void canary_markdownForAPullRequestComment(@TempDir Path dir) {
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.write(
              "mesh/callme.mesh", canary("split v1 20%, v2 80%", "to \"/callme/*\", \"/callme\""))
          .commit("canary 20/80, any method");
      repo.write(
              "mesh/callme.mesh",
              canary("split v1 0%, v2 100%", "to \"/callme/*\", \"/callme\"")
                  .replace("fault delay 5s on 10%, abort 500 on 10%", "timeout 2s")
                  .replace(
                      "default deny", "default deny\n  deny from caller to DELETE \"/callme/*\""))
          .commit("v2 only, no faults, a timeout");
      var run =
          diff(repo, "main~1", "main", "--format", "markdown", "--paths", dir.resolve("mesh"));
      assertEquals(ExitCodes.CHANGED, run.exitCode(), run.err());
      assertTrue(run.out().startsWith(DiffOutput.MARKDOWN_MARKER + "\n"), run.out());
      Approvals.verify(stable(run.out()), new Options().forFile().withExtension(".md"));
    }
  }

  @Test
  void canary_jsonDocument(@TempDir Path dir) throws Exception {
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.copy(CALLME, "mesh/callme.mesh").commit("canary 20/80");
      repo.write(
              "mesh/callme.mesh",
              canary("split v1 50%, v2 50%", "to GET, POST \"/callme/*\", \"/callme\""))
          .commit("half and half; POST allowed");
      var run = diff(repo, "HEAD~1", "HEAD", "--format", "json");
      assertEquals(ExitCodes.CHANGED, run.exitCode(), run.err());
      JsonNode doc = Json.MAPPER.readTree(run.out());
      assertEquals(DiffOutput.SCHEMA, doc.path("schema").asText());
      assertTrue(doc.path("changed").asBoolean());
      Approvals.verify(stable(run.out()), new Options().forFile().withExtension(".json"));
    }
  }

  @Test
  void reformattingAndReorderingThatKeepTraffic_reportNoChange(@TempDir Path dir) {
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.copy(CALLME, "mesh/callme.mesh").commit("canary");
      // The same policy rewritten: services in the other order, split and authz entries reversed,
      // comments and layout changed, the authz moved to a file of its own.
      repo.write(
          "mesh/callme.mesh",
          """
          mesh demo
          service callme {
            port 8091 http
            version v2 { labels { version: "v2" } endpoint 127.0.0.1:9102 }
            version v1 { labels { version: "v1" } endpoint 127.0.0.1:9101 }
          }
          route callme {
            match path prefix "/callme" {
              fault abort 500 on 10%, delay 5000ms on 10%
              split v2 80%, v1 20%
            }
          }
          service caller {
            endpoint 127.0.0.1:9090
            calls callme
            outbound 15090
            port 8090 http
          }
          """);
      repo.write(
          "mesh/authz.mesh",
          """
          mesh demo
          // who may call callme
          authz callme {
            allow from caller to GET "/callme", "/callme/*"
            default deny
          }
          """);
      repo.commit("reformatted");
      var run = diff(repo, "HEAD~1", "HEAD");
      assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("no change to traffic"), run.out());
    }
  }

  @Test
  void swappingRules_isAChangeOnlyWhenOneRequestCanMatchBoth(@TempDir Path dir) {
    String route =
        """
        route callme {
          match path exact "/callme/a" { to v1 }
          match path exact "/callme/b" { to v2 }
          match header "x-canary" present { to v2 }
          match path prefix "/callme" { to v1 }
        }
        """;
    String base = GitFixture.example(CALLME).replaceAll("(?s)route callme \\{.*?\n}\n", route);
    String disjointSwapped =
        base.replace(
            "  match path exact \"/callme/a\" { to v1 }\n"
                + "  match path exact \"/callme/b\" { to v2 }",
            "  match path exact \"/callme/b\" { to v2 }\n"
                + "  match path exact \"/callme/a\" { to v1 }");
    String overlappingSwapped =
        disjointSwapped.replace(
            "  match header \"x-canary\" present { to v2 }\n"
                + "  match path prefix \"/callme\" { to v1 }",
            "  match path prefix \"/callme\" { to v1 }\n"
                + "  match header \"x-canary\" present { to v2 }");
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.write("mesh/callme.mesh", base).commit("four rules");
      repo.write("mesh/callme.mesh", disjointSwapped).commit("exact paths swapped");
      repo.write("mesh/callme.mesh", overlappingSwapped).commit("header rule after prefix rule");
      var disjoint = diff(repo, "HEAD~2", "HEAD~1");
      assertEquals(ExitCodes.OK, disjoint.exitCode(), disjoint.out() + disjoint.err());
      var overlapping = diff(repo, "HEAD~1", "HEAD");
      assertEquals(
          ExitCodes.CHANGED, overlapping.exitCode(), overlapping.out() + overlapping.err());
      assertTrue(
          overlapping
              .out()
              .contains(
                  "~ rule order: `match path prefix \"/callme\"` is now tried before"
                      + " `match header \"x-canary\" present` (a request can match both)"),
          overlapping.out());
    }
  }

  /**
   * Walks the Bookinfo traffic-management tasks as one team would, one commit per task, and diffs
   * each step: the golden reads as the story of the tasks in traffic terms.
   */
  @Test
  void bookinfoTasks_stepByStep(@TempDir Path dir) {
    List<String> tasks =
        List.of(
            "all-v1",
            "request-routing",
            "fault-delay",
            "fault-abort",
            "request-timeouts",
            "traffic-shifting",
            "mirroring");
    try (GitFixture repo = GitFixture.init(dir)) {
      for (String file : List.of("gateway", "productpage", "details", "reviews", "ratings")) {
        repo.copy("bookinfo/mesh/" + file + ".mesh", "bookinfo/mesh/" + file + ".mesh");
      }
      for (String task : tasks) {
        repo.copy("bookinfo/" + task + "/routes.mesh", "bookinfo/app/routes.mesh").commit(task);
        repo.tag(task);
      }
      repo.delete("bookinfo/app/routes.mesh")
          .copy("bookinfo/circuit-breaking/productpage.mesh", "bookinfo/app/productpage.mesh")
          .commit("circuit-breaking");
      repo.tag("circuit-breaking");
      StringBuilder story = new StringBuilder();
      Path app = dir.resolve("bookinfo/app");
      List<String> steps = new java.util.ArrayList<>(tasks);
      steps.add("circuit-breaking");
      for (int i = 1; i < steps.size(); i++) {
        var run = diff(repo, steps.get(i - 1), steps.get(i), "--paths", app);
        assertEquals(ExitCodes.CHANGED, run.exitCode(), run.out() + run.err());
        story.append(stable(run.out())).append('\n');
      }
      Approvals.verify(story.toString());
    }
  }

  @Test
  void headDefaultsToTheWorkingTree_uncommittedEditsIncluded(@TempDir Path dir) {
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.copy(CALLME, "mesh/callme.mesh").commit("canary");
      assertEquals(ExitCodes.OK, diff(repo, "HEAD").exitCode());
      repo.write(
          "mesh/callme.mesh", canary("split v1 10%, v2 90%", "to GET \"/callme/*\", \"/callme\""));
      var run = diff(repo, "HEAD");
      assertEquals(ExitCodes.CHANGED, run.exitCode(), run.err());
      assertTrue(
          run.out().startsWith("rig diff: HEAD (") && run.out().contains("→ working tree"),
          run.out());
      assertTrue(run.out().contains("`callme v1`: 20% → 10%"), run.out());
    }
  }

  @Test
  void brokenHead_exitsOneWithDiagnosticsNamingTheRevision(@TempDir Path dir) {
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.copy(CALLME, "mesh/callme.mesh").commit("canary");
      repo.write("mesh/callme.mesh", canary("split v1 20%, v2 70%", "to GET \"/callme\""))
          .commit("oops");
      var run = diff(repo, "HEAD~1", "HEAD");
      assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode(), run.out());
      assertTrue(
          run.err().startsWith("rig: the policy at `.` has errors at the head revision, HEAD ("),
          run.err());
      assertTrue(run.err().contains("mesh/callme.mesh:26:"), run.err());
      assertTrue(run.err().contains("error[MESH0301]"), run.err());
      var md = diff(repo, "HEAD~1", "HEAD", "--format", "markdown");
      assertTrue(md.out().contains("```text\nmesh/callme.mesh:26:"), md.out());
    }
  }

  @Test
  void meshAddedInHead_comparesAgainstNothing(@TempDir Path dir) {
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.write("README.md", "policies come next\n").commit("empty");
      repo.copy(CALLME, "mesh/callme.mesh").commit("canary");
      var run = diff(repo, "HEAD~1", "HEAD", "--paths", dir.resolve("mesh"));
      assertEquals(ExitCodes.CHANGED, run.exitCode(), run.err());
      assertTrue(
          run.out().contains("+ service `callme` added (port 8091, versions v1, v2)"), run.out());
      assertTrue(run.out().contains("rule added: `match path prefix \"/callme\"`"), run.out());
    }
  }

  @Test
  void unknownRevisionOrPathOutsideTheRepo_exitTwo(@TempDir Path dir) {
    try (GitFixture repo = GitFixture.init(dir)) {
      repo.copy(CALLME, "mesh/callme.mesh").commit("canary");
      var unknown = diff(repo, "no-such-branch");
      assertEquals(ExitCodes.USAGE_OR_INTERNAL, unknown.exitCode());
      assertTrue(unknown.err().contains("unknown revision `no-such-branch`"), unknown.err());
      var outside = diff(repo, "HEAD", "--paths", dir.getParent());
      assertEquals(ExitCodes.USAGE_OR_INTERNAL, outside.exitCode());
      assertTrue(outside.err().contains("is outside the repository"), outside.err());
      var nothing = diff(repo, "HEAD", "--paths", dir.resolve("nowhere"));
      assertEquals(ExitCodes.USAGE_OR_INTERNAL, nothing.exitCode());
      assertTrue(nothing.err().contains("no .mesh files at `nowhere`"), nothing.err());
    }
  }
}
