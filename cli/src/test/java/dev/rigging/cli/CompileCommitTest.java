package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommitTest {
  @TempDir Path tmp;

  private Path policy(String split) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("policy"));
    Files.writeString(
        dir.resolve("mesh.mesh"),
        """
        mesh demo
        service caller {
          port 8090 http
          outbound 15090
          calls callme
          endpoint 127.0.0.1:9090
        }
        service callme {
          port 8091 http
          version v1 { labels { version: "v1" } endpoint 127.0.0.1:9101 }
          version v2 { labels { version: "v2" } endpoint 127.0.0.1:9102 }
        }
        route callme {
          match path prefix "/callme" { %s }
        }
        """
            .formatted(split));
    return dir;
  }

  private static RevCommit tip(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.parseCommit(git.getRepository().resolve("refs/heads/main"));
    }
  }

  private static boolean hasPath(Path repo, RevCommit commit, String path) throws Exception {
    try (Repository r = Git.open(repo.toFile()).getRepository()) {
      return TreeWalk.forPath(r, path, commit.getTree()) != null;
    }
  }

  @Test
  void commitWithoutOut_commitsTheCompiledTree_thenNothingWhenUnchanged() throws Exception {
    Path repo = tmp.resolve("gitops.git");
    Path src = policy("split v1 20%, v2 80%");
    var first = rig("compile", src, "--commit", "--repo", repo, "--source-rev", "abc");
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.err().contains("committed "), first.err());
    RevCommit commit = tip(repo);
    assertTrue(hasPath(repo, commit, "envoy/callme/bootstrap.json"));
    assertTrue(hasPath(repo, commit, "manifest.json"));
    assertTrue(commit.getFullMessage().startsWith("rigging: compile abc: caller, callme changed"));

    var again = rig("compile", src, "--commit", "--repo", repo, "--source-rev", "abc");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.err().contains("no change"), again.err());
    assertEquals(commit, tip(repo));
  }

  @Test
  void policyChange_makesOneCommitNamingTheChangedProxy() throws Exception {
    Path repo = tmp.resolve("gitops.git");
    rig("compile", policy("split v1 20%, v2 80%"), "--commit", "--repo", repo);
    RevCommit before = tip(repo);
    var run = rig("compile", policy("to v2"), "--commit", "--repo", repo, "--source-rev", "def");
    assertEquals(0, run.exitCode(), run.err());
    RevCommit after = tip(repo);
    assertEquals(before, after.getParent(0));
    // Only the caller's outbound routes (and the manifest of inputs) change.
    assertTrue(after.getShortMessage().contains("caller"), after.getShortMessage());
    assertFalse(after.getShortMessage().contains("callme changed"), after.getShortMessage());
  }

  @Test
  void policyErrors_commitNothing() throws Exception {
    Path repo = tmp.resolve("gitops.git");
    rig("compile", policy("to v2"), "--commit", "--repo", repo);
    RevCommit before = tip(repo);
    var run = rig("compile", policy("to v9"), "--commit", "--repo", repo);
    assertEquals(1, run.exitCode());
    assertEquals(before, tip(repo));
  }

  @Test
  void commitAndOut_bothHappen_andJsonNamesTheCommit() throws Exception {
    Path repo = tmp.resolve("gitops.git");
    Path out = tmp.resolve("out");
    var run =
        rig(
            "compile",
            policy("to v2"),
            "--out",
            out,
            "--commit",
            "--repo",
            repo,
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.exists(out.resolve("manifest.json")));
    assertTrue(run.out().contains("\"commit\""), run.out());
    assertTrue(run.out().contains(tip(repo).name()), run.out());
  }

  @Test
  void usageErrors_exitTwo() throws Exception {
    Path src = policy("to v2");
    var noTarget = rig("compile", src);
    assertEquals(2, noTarget.exitCode());
    assertTrue(noTarget.err().contains("--out"), noTarget.err());
    var noRepo = rig("compile", src, "--commit");
    assertEquals(2, noRepo.exitCode());
    assertTrue(noRepo.err().contains("--commit needs --repo"), noRepo.err());
    var repoWithoutCommit = rig("compile", src, "--out", tmp.resolve("o"), "--repo", "x");
    assertEquals(2, repoWithoutCommit.exitCode());
  }

  @Test
  void notARepository_isOneLineErrorExitTwo() throws Exception {
    Path junk = Files.createDirectories(tmp.resolve("junk"));
    Files.writeString(junk.resolve("file"), "x");
    var run = rig("compile", policy("to v2"), "--commit", "--repo", junk);
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("not a Git repository"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }
}
