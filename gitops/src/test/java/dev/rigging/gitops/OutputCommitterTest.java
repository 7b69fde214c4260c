package dev.rigging.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCommitterTest {
  @TempDir Path tmp;

  private Path out(Map<String, String> files) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "out");
    for (var file : files.entrySet()) {
      Path p = dir.resolve(file.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, file.getValue());
    }
    return dir;
  }

  private OutputCommitter.Request request(GitTarget target, Path tree) {
    return new OutputCommitter.Request(
        target,
        "main",
        tree,
        "",
        "0123456789abcdef0123456789abcdef01234567",
        "rigging test",
        new PersonIdent("rig", "rig@localhost"),
        Optional.empty(),
        tmp.resolve("cache"),
        CredentialsProvider.getDefault());
  }

  private static RevCommit tip(Path repo, String branch) throws Exception {
    try (Git git = Git.open(repo.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.parseCommit(git.getRepository().resolve("refs/heads/" + branch));
    }
  }

  @Test
  void missingRepository_isCreatedBare_andHoldsExactlyTheTree() throws Exception {
    Path repo = tmp.resolve("gitops.git");
    var outcome =
        OutputCommitter.commit(
            request(
                new GitTarget.Local(repo),
                out(Map.of("envoy/a/bootstrap.json", "{}", "manifest.json", "[]"))));
    var committed = assertInstanceOf(OutputCommitter.Outcome.Committed.class, outcome);
    assertEquals(
        List.of(
            new TreeChange(TreeChange.Kind.ADDED, "envoy/a/bootstrap.json"),
            new TreeChange(TreeChange.Kind.ADDED, "manifest.json")),
        committed.changes());
    try (Repository r = Git.open(repo.toFile()).getRepository()) {
      assertTrue(r.isBare());
    }
    RevCommit tip = tip(repo, "main");
    assertEquals(committed.commit(), tip.name());
    assertTrue(tip.getFullMessage().startsWith("rigging: compile 0123456789ab: a changed\n"));
    assertTrue(tip.getFullMessage().contains("Source-Revision: 0123456789abcdef"));
    assertTrue(tip.getFullMessage().contains("envoy/a:\n  A bootstrap.json\n"));
  }

  @Test
  void sameTreeTwice_makesNoSecondCommit() throws Exception {
    Path repo = tmp.resolve("gitops.git");
    Path tree = out(Map.of("envoy/a/bootstrap.json", "{}"));
    var first = OutputCommitter.commit(request(new GitTarget.Local(repo), tree));
    var second = OutputCommitter.commit(request(new GitTarget.Local(repo), tree));
    assertEquals(
        ((OutputCommitter.Outcome.Committed) first).commit(),
        assertInstanceOf(OutputCommitter.Outcome.Unchanged.class, second).head());
  }

  @Test
  void deletedAndModifiedFiles_areSummarized_andTheOldFileIsGone() throws Exception {
    Path repo = tmp.resolve("gitops.git");
    OutputCommitter.commit(
        request(
            new GitTarget.Local(repo),
            out(Map.of("envoy/a/routes.json", "1", "envoy/b/routes.json", "1"))));
    var second =
        (OutputCommitter.Outcome.Committed)
            OutputCommitter.commit(
                request(new GitTarget.Local(repo), out(Map.of("envoy/a/routes.json", "2"))));
    assertEquals(
        List.of(
            new TreeChange(TreeChange.Kind.MODIFIED, "envoy/a/routes.json"),
            new TreeChange(TreeChange.Kind.DELETED, "envoy/b/routes.json")),
        second.changes());
    RevCommit tip = tip(repo, "main");
    assertEquals(1, tip.getParentCount());
    assertTrue(tip.getShortMessage().endsWith(": a, b changed"), tip.getShortMessage());
  }

  @Test
  void subdirectory_replacesOnlyItsOwnPart_soMeshesShareABranch() throws Exception {
    Path repo = tmp.resolve("gitops.git");
    OutputCommitter.commit(
        withSubdirectory(
            request(new GitTarget.Local(repo), out(Map.of("envoy/a/x.json", "1"))), "payments"));
    OutputCommitter.commit(
        withSubdirectory(
            request(new GitTarget.Local(repo), out(Map.of("envoy/b/x.json", "1"))), "search"));
    var third =
        (OutputCommitter.Outcome.Committed)
            OutputCommitter.commit(
                withSubdirectory(
                    request(new GitTarget.Local(repo), out(Map.of("envoy/c/x.json", "2"))),
                    "payments/"));
    assertEquals(
        List.of(
            new TreeChange(TreeChange.Kind.DELETED, "payments/envoy/a/x.json"),
            new TreeChange(TreeChange.Kind.ADDED, "payments/envoy/c/x.json")),
        third.changes());
    RevCommit tip = tip(repo, "main");
    assertTrue(tip.getShortMessage().endsWith(": a, c changed"), tip.getShortMessage());
    try (Repository r = Git.open(repo.toFile()).getRepository()) {
      assertTrue(
          org.eclipse.jgit.treewalk.TreeWalk.forPath(r, "search/envoy/b/x.json", tip.getTree())
              != null);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> withSubdirectory(request(new GitTarget.Local(repo), tmp), "../escape"));
  }

  private static OutputCommitter.Request withSubdirectory(OutputCommitter.Request r, String dir) {
    return new OutputCommitter.Request(
        r.target(),
        r.branch(),
        r.tree(),
        dir,
        r.sourceRevision(),
        r.compiler(),
        r.author(),
        r.signer(),
        r.cacheDir(),
        r.credentials());
  }

  @Test
  void checkedOutBranch_isCommittedAndItsWorkTreeFollows() throws Exception {
    Path repo = tmp.resolve("work");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repo.resolve("README"), "x");
      git.add().addFilepattern("README").call();
      git.commit().setMessage("init").setSign(false).call();
    }
    OutputCommitter.commit(request(new GitTarget.Local(repo), out(Map.of("envoy/a/x.json", "1"))));
    assertEquals("1", Files.readString(repo.resolve("envoy/a/x.json")));
    assertTrue(Files.notExists(repo.resolve("README")), "the branch holds only the output");
    try (Git git = Git.open(repo.toFile())) {
      assertTrue(git.status().call().isClean());
    }
  }

  @Test
  void checkedOutBranchWithLocalEdits_isRefused_andNothingMoves() throws Exception {
    Path repo = tmp.resolve("work");
    ObjectId before;
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repo.resolve("README"), "x");
      git.add().addFilepattern("README").call();
      before = git.commit().setMessage("init").setSign(false).call().getId();
    }
    Files.writeString(repo.resolve("README"), "edited");
    var error =
        assertThrows(
            GitOpsException.class,
            () ->
                OutputCommitter.commit(
                    request(new GitTarget.Local(repo), out(Map.of("envoy/a/x.json", "1")))));
    assertTrue(error.getMessage().contains("uncommitted changes"), error.getMessage());
    assertEquals(before, tip(repo, "main").getId());
  }

  @Test
  void directoryThatIsNotARepository_isRefused() throws Exception {
    Path notRepo = Files.createDirectories(tmp.resolve("stuff"));
    Files.writeString(notRepo.resolve("file"), "x");
    var error =
        assertThrows(
            GitOpsException.class,
            () ->
                OutputCommitter.commit(
                    request(new GitTarget.Local(notRepo), out(Map.of("a.json", "1")))));
    assertTrue(error.getMessage().contains("not a Git repository"), error.getMessage());
  }

  @Test
  void remoteUrl_isClonedCommittedAndPushed() throws Exception {
    Path remote = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
    String url = remote.toUri().toString();
    var first =
        (OutputCommitter.Outcome.Committed)
            OutputCommitter.commit(
                request(new GitTarget.Remote(url), out(Map.of("envoy/a/x.json", "1"))));
    assertEquals(first.commit(), tip(remote, "main").name());
    // Someone else moves the branch; the next commit builds on their commit, not over it.
    Path other = tmp.resolve("other-cache");
    var foreign =
        new OutputCommitter.Request(
            new GitTarget.Remote(url),
            "main",
            out(Map.of("envoy/a/x.json", "2")),
            "",
            "other",
            "rigging test",
            new PersonIdent("other", "o@localhost"),
            Optional.empty(),
            other,
            CredentialsProvider.getDefault());
    var second = (OutputCommitter.Outcome.Committed) OutputCommitter.commit(foreign);
    var third =
        (OutputCommitter.Outcome.Committed)
            OutputCommitter.commit(
                request(new GitTarget.Remote(url), out(Map.of("envoy/a/x.json", "3"))));
    RevCommit tip = tip(remote, "main");
    assertEquals(third.commit(), tip.name());
    assertEquals(second.commit(), tip.getParent(0).name());
  }

  @Test
  void unreachableRemote_isAClearError() {
    var error =
        assertThrows(
            GitOpsException.class,
            () ->
                OutputCommitter.commit(
                    request(
                        new GitTarget.Remote(tmp.resolve("nowhere.git").toUri().toString()),
                        out(Map.of("a.json", "1")))));
    assertTrue(error.getMessage().contains("nowhere.git"), error.getMessage());
  }

  @Test
  void signedCommit_verifiesWithTheTrustedKey_andNotWithAnother() throws Exception {
    Path[] ci = SigningKeys.generate(tmp, "ci");
    Path[] stranger = SigningKeys.generate(tmp, "stranger");
    Path repo = tmp.resolve("gitops.git");
    var signed =
        new OutputCommitter.Request(
            new GitTarget.Local(repo),
            "main",
            out(Map.of("a.json", "1")),
            "",
            "rev",
            "rigging test",
            new PersonIdent("rig", "rig@localhost"),
            Optional.of(CommitSigner.fromSecretKeyFile(ci[0], new char[0])),
            tmp.resolve("cache"),
            CredentialsProvider.getDefault());
    OutputCommitter.commit(signed);
    RevCommit commit = tip(repo, "main");
    var trusted = SignatureVerifier.fromPublicKeyFiles(List.of(ci[1])).verify(commit);
    assertInstanceOf(SignatureVerifier.Verdict.Trusted.class, trusted);
    var other = SignatureVerifier.fromPublicKeyFiles(List.of(stranger[1])).verify(commit);
    assertInstanceOf(SignatureVerifier.Verdict.UnknownKey.class, other);
  }

  @Test
  void unsignedCommit_isReportedUnsigned() throws Exception {
    Path[] ci = SigningKeys.generate(tmp, "ci");
    Path repo = tmp.resolve("gitops.git");
    OutputCommitter.commit(request(new GitTarget.Local(repo), out(Map.of("a.json", "1"))));
    var verdict = SignatureVerifier.fromPublicKeyFiles(List.of(ci[1])).verify(tip(repo, "main"));
    assertInstanceOf(SignatureVerifier.Verdict.Unsigned.class, verdict);
    assertEquals("commit is not signed", verdict.describe());
  }
}
