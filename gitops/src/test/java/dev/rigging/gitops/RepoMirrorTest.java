package dev.rigging.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoMirrorTest {
  @TempDir Path tmp;

  private String commit(Path repo, String name, String content) throws Exception {
    Path tree = Files.createTempDirectory(tmp, "tree");
    Files.createDirectories(tree.resolve("envoy/a"));
    Files.writeString(tree.resolve("envoy/a/" + name), content);
    Files.writeString(tree.resolve("manifest.json"), content);
    var outcome =
        OutputCommitter.commit(
            new OutputCommitter.Request(
                new GitTarget.Local(repo),
                "main",
                tree,
                "",
                "rev",
                "test",
                new PersonIdent("t", "t@localhost"),
                Optional.empty(),
                tmp.resolve("unused"),
                CredentialsProvider.getDefault()));
    return ((OutputCommitter.Outcome.Committed) outcome).commit();
  }

  @Test
  void fetch_followsTheBranch_andReadsOneDirectory() throws Exception {
    Path origin = tmp.resolve("origin.git");
    String first = commit(origin, "x.json", "1");
    try (RepoMirror mirror =
        RepoMirror.at(origin.toString(), "main", tmp.resolve("mirror"), null)) {
      assertEquals(first, mirror.fetch().orElseThrow().name());
      String second = commit(origin, "x.json", "2");
      ObjectId tip = mirror.fetch().orElseThrow();
      assertEquals(second, tip.name());
      var files = mirror.files(tip, "envoy/a");
      assertEquals("2", new String(files.get("x.json"), StandardCharsets.UTF_8));
      assertEquals(1, files.size(), "only the directory's own files");
    }
  }

  @Test
  void missingBranch_isEmpty_notAnError() throws Exception {
    Path origin = tmp.resolve("origin.git");
    commit(origin, "x.json", "1");
    try (RepoMirror mirror =
        RepoMirror.at(origin.toString(), "other", tmp.resolve("mirror"), null)) {
      assertTrue(mirror.fetch().isEmpty());
    }
  }

  @Test
  void unreachableRemote_keepsTheLocalCopy() throws Exception {
    Path origin = tmp.resolve("origin.git");
    String first = commit(origin, "x.json", "1");
    try (RepoMirror mirror =
        RepoMirror.at(origin.toString(), "main", tmp.resolve("mirror"), null)) {
      mirror.fetch();
      Path moved = tmp.resolve("moved.git");
      Files.move(origin, moved);
      assertThrows(RepoMirror.Unreachable.class, mirror::fetch);
      assertEquals(0, mirror.reclones());
      var files = mirror.files(ObjectId.fromString(first), "envoy/a");
      assertEquals("1", new String(files.get("x.json"), StandardCharsets.UTF_8));
    }
  }

  @Test
  void damagedCopy_isClonedAgain() throws Exception {
    Path origin = tmp.resolve("origin.git");
    commit(origin, "x.json", "1");
    Path dir = tmp.resolve("mirror");
    try (RepoMirror mirror = RepoMirror.at(origin.toString(), "main", dir, null)) {
      mirror.fetch();
    }
    // Wipe every object: refs now point at nothing.
    try (Stream<Path> walk = Files.walk(dir.resolve("objects"))) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir.resolve("objects"))) {
          Files.delete(p);
        }
      }
    }
    Files.writeString(dir.resolve("config"), "[core\n\u0000garbage");
    Files.writeString(dir.resolve("config"), "[core\n\u0000garbage");
    String second = commit(origin, "x.json", "2");
    try (RepoMirror mirror = RepoMirror.at(origin.toString(), "main", dir, null)) {
      assertEquals(second, mirror.fetch().orElseThrow().name());
      assertEquals(1, mirror.reclones());
    }
  }
}
