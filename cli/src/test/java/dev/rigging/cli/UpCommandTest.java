package dev.rigging.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `rig up` end to end: proxies, agent, traffic, the demo change and its convergence. */
@Timeout(240)
class UpCommandTest {
  @TempDir Path tmp;

  @Test
  void up_servesTheSplit_commitsTheChange_andConverges() throws Exception {
    MeshFixture mesh = new MeshFixture(tmp.resolve("mesh"), false);
    try {
      Path state = tmp.resolve("state");
      var run =
          RigRunner.rig(
              "up",
              "--plain",
              "--policy",
              mesh.policyDir,
              "--state-dir",
              state,
              "--rate",
              "10",
              "--change-after",
              "8s",
              "--duration",
              "30s",
              "--agent-listen",
              "127.0.0.1:" + mesh.agentPort,
              "--admin-base-port",
              mesh.adminCaller);
      assertEquals(0, run.exitCode(), run.out() + run.err());
      List<String> lines = run.out().lines().toList();
      assertTrue(run.out().contains("policy change: all traffic to v2"), run.out());
      assertTrue(run.out().contains("converged: every proxy runs"), run.out());
      // Before the change both versions answer; at the end only v2 does.
      assertTrue(lines.stream().anyMatch(l -> l.contains(" v1 ") && l.contains(" v2 ")), run.out());
      // Once converged (and requests started before it have finished), only v2 answers.
      int converged =
          lines.indexOf(
              lines.stream().filter(l -> l.contains("converged")).findFirst().orElseThrow());
      assertTrue(
          lines.subList(converged, lines.size()).stream()
              .anyMatch(l -> l.contains("callme: v2 100.0%")),
          run.out());
      assertTrue(Files.exists(state.resolve("gitops.git")));
      assertTrue(run.out().contains("rig up: stopped"), run.out());
    } finally {
      mesh.close();
    }
  }

  @Test
  void aForeignStateDirectory_isNeverDeleted() throws Exception {
    Path foreign = Files.createDirectories(tmp.resolve("precious"));
    Files.writeString(foreign.resolve("data"), "keep me");
    Path policy = new MeshFixture(tmp.resolve("mesh"), false).policyDir;
    var run =
        RigRunner.rig(
            "up", "--plain", "--policy", policy, "--state-dir", foreign, "--duration", "1s");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("not made by rig up"), run.err());
    assertEquals("keep me", Files.readString(foreign.resolve("data")));
  }
}
