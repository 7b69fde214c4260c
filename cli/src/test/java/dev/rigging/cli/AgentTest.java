package dev.rigging.cli;

import static dev.rigging.cli.MeshFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.agent.Agent;
import dev.rigging.agent.AgentStatus;
import dev.rigging.agent.HealthGate;
import dev.rigging.gitops.SignatureVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent against real Git repositories and real `rig proxy` processes on loopback. */
@Timeout(120)
class AgentTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  MeshFixture mesh;

  @BeforeEach
  void setUp() throws Exception {
    mesh = new MeshFixture(tmp);
  }

  @AfterEach
  void tearDown() {
    mesh.close();
  }

  private Agent startPolling(Duration poll) throws Exception {
    return mesh.start(mesh.settings(poll, HealthGate.off(), Optional.empty()));
  }

  @Test
  void newCommits_areAppliedAndConfirmed_andTrafficFollows() throws Exception {
    String first = mesh.commit("to v1");
    Agent agent = startPolling(Duration.ofMillis(100));
    AgentStatus status = await(agent, s -> first.equals(s.appliedCommit()), WAIT);
    assertEquals("200 callme/v1", mesh.backend());
    assertEquals(2, status.hashes().size());

    String second = mesh.commit("to v2");
    await(agent, s -> second.equals(s.appliedCommit()), WAIT);
    assertEquals("200 callme/v2", mesh.backend());

    var json = mesh.agentHttp("GET", "/status").body();
    assertTrue(json.contains("\"commit\" : \"" + second + "\""), json);
    assertEquals(200, mesh.agentHttp("GET", "/ready").statusCode());
    assertTrue(json.contains("\"pending_commit\" : null"), json);
    var metrics = mesh.agentHttp("GET", "/metrics").body();
    assertTrue(metrics.contains("rigging_agent_commits_applied_total 2"), metrics);
    assertTrue(metrics.contains("rigging_agent_convergence_seconds_count 2"), metrics);
  }

  @Test
  void invalidCommit_isRefusedWithItsId_andTheLastGoodKeepsServing() throws Exception {
    String good = mesh.commit("to v1");
    Agent agent = startPolling(Duration.ofMillis(100));
    await(agent, s -> good.equals(s.appliedCommit()), WAIT);
    // A hand-made commit whose clusters.json Envoy would reject.
    Path tree = Files.createTempDirectory(tmp, "bad");
    try (var git =
        org.eclipse.jgit.api.Git.cloneRepository()
            .setURI(mesh.gitops.toUri().toString())
            .setDirectory(tree.toFile())
            .call()) {
      Path clusters = tree.resolve("envoy/callme/clusters.json");
      Files.writeString(
          clusters,
          Files.readString(clusters).replace("\"connect_timeout\"", "\"connect_timeout_typo\""));
      git.commit().setAll(true).setMessage("broken by hand").setSign(false).call();
      git.push().call();
    }
    String bad = mesh.tip();
    AgentStatus status = await(agent, s -> s.rejected().containsKey(bad), WAIT);
    assertEquals(good, status.appliedCommit());
    assertTrue(status.rejected().get(bad).contains("callme"), status.rejected().get(bad));
    assertEquals(bad, status.lastError().commit());
    assertEquals("200 callme/v1", mesh.backend());
  }

  @Test
  void unsignedCommits_areRefused_whenSignaturesAreRequired() throws Exception {
    Path[] keys = dev.rigging.gitops.SigningKeys.generate(tmp, "ci");
    String unsigned = mesh.commit("to v1");
    Agent agent =
        mesh.start(
            mesh.settings(
                Duration.ofMillis(100),
                HealthGate.off(),
                Optional.of(SignatureVerifier.fromPublicKeyFiles(List.of(keys[1])))));
    AgentStatus status = await(agent, s -> s.rejected().containsKey(unsigned), WAIT);
    assertEquals("commit is not signed", status.rejected().get(unsigned));
    String signed = mesh.commit("to v2", "--sign-key", keys[0].toString());
    await(agent, s -> signed.equals(s.appliedCommit()), WAIT);
    assertEquals("200 callme/v2", mesh.backend());
  }

  @Test
  void harmfulChange_isRolledBackByTheHealthGate() throws Exception {
    String good = mesh.commit("to v1");
    Agent agent =
        mesh.start(
            mesh.settings(
                Duration.ofMillis(100),
                new HealthGate(Duration.ofSeconds(2), 0.05, 10),
                Optional.empty()));
    await(agent, s -> good.equals(s.appliedCommit()), WAIT);
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();
    Thread client =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (sending.get() && sent.incrementAndGet() < 100_000) {
                    try {
                      mesh.call();
                    } catch (Exception e) {
                      // counted by the proxy either way
                    }
                  }
                });
    try {
      // Responds 503 to everything: no unintended error could be more obvious.
      String harmful = mesh.commit("respond 503 \"broken\"");
      AgentStatus status = await(agent, s -> s.rejected().containsKey(harmful), WAIT);
      assertTrue(
          status.rejected().get(harmful).startsWith("rolled back to " + good.substring(0, 12)),
          status.rejected().get(harmful));
      assertEquals(good, status.appliedCommit());
      assertEquals("200 callme/v1", mesh.backend());
      assertTrue(
          mesh.agentHttp("GET", "/metrics").body().contains("rigging_agent_rollbacks_total 1"));
    } finally {
      sending.set(false);
      client.join(10_000);
    }
  }

  @Test
  void unreachableRepository_keepsServing_thenRecovers() throws Exception {
    String first = mesh.commit("to v1");
    Agent agent = startPolling(Duration.ofMillis(100));
    await(agent, s -> first.equals(s.appliedCommit()), WAIT);
    Path away = tmp.resolve("away.git");
    Files.move(mesh.gitops, away);
    await(
        agent,
        s -> s.lastError() != null && s.lastError().message().contains("cannot fetch"),
        WAIT);
    assertEquals("200 callme/v1", mesh.backend());
    Files.move(away, mesh.gitops);
    String second = mesh.commit("to v2");
    agent.poke();
    await(agent, s -> second.equals(s.appliedCommit()), WAIT);
    assertTrue(
        mesh.agentHttp("GET", "/metrics")
            .body()
            .matches("(?s).*rigging_agent_fetch_errors_total [1-9].*"));
  }

  @Test
  void restartedAgent_adoptsTheRunningProxies_withoutReapplying() throws Exception {
    String first = mesh.commit("to v1");
    Agent agent = startPolling(Duration.ofMillis(100));
    AgentStatus before = await(agent, s -> first.equals(s.appliedCommit()), WAIT);
    agent.close(true);
    Agent again = startPolling(Duration.ofMillis(100));
    AgentStatus after =
        await(
            again,
            s -> s.lastFetchAt() != null && s.proxies().stream().allMatch(p -> p.running()),
            WAIT);
    assertEquals(first, after.appliedCommit());
    for (int i = 0; i < 2; i++) {
      assertTrue(after.proxies().get(i).adopted(), after.proxies().toString());
      assertEquals(before.proxies().get(i).pid(), after.proxies().get(i).pid());
    }
    assertTrue(
        mesh.agentHttp("GET", "/metrics").body().contains("rigging_agent_commits_applied_total 0"));
    assertEquals("200 callme/v1", mesh.backend());
  }

  @Test
  void crashedProxy_isStartedAgain_onTheAppliedConfig() throws Exception {
    String first = mesh.commit("to v1");
    Agent agent = startPolling(Duration.ofMillis(100));
    AgentStatus status = await(agent, s -> first.equals(s.appliedCommit()), WAIT);
    long pid = status.proxies().get(1).pid();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    AgentStatus restarted =
        await(agent, s -> s.proxies().get(1).restarts() == 1 && s.proxies().get(1).running(), WAIT);
    assertNotEquals(pid, restarted.proxies().get(1).pid());
    assertEquals("200 callme/v1", mesh.backend());
  }

  @Test
  void damagedMirror_isClonedAgain() throws Exception {
    String first = mesh.commit("to v1");
    Agent agent = startPolling(Duration.ofMillis(100));
    await(agent, s -> first.equals(s.appliedCommit()), WAIT);
    Files.writeString(tmp.resolve("state/mirror.git/config"), "[core\n\u0000garbage");
    Files.writeString(tmp.resolve("state/mirror.git/HEAD"), "garbage");
    String second = mesh.commit("to v2");
    await(agent, s -> second.equals(s.appliedCommit()), WAIT);
    assertEquals("200 callme/v2", mesh.backend());
  }

  @Test
  void webhook_fetchesAtOnce_evenWithASlowPoll() throws Exception {
    String first = mesh.commit("to v1");
    Agent agent = startPolling(Duration.ofMinutes(10));
    await(agent, s -> first.equals(s.appliedCommit()), WAIT);
    String second = mesh.commit("to v2");
    assertEquals(202, mesh.agentHttp("POST", "/webhook").statusCode());
    await(agent, s -> second.equals(s.appliedCommit()), Duration.ofSeconds(20));
    assertEquals(405, mesh.agentHttp("GET", "/webhook").statusCode());
    assertFalse(mesh.agentHttp("GET", "/status").body().isEmpty());
  }
}
