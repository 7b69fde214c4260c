package dev.rigging.cli;

import static dev.rigging.cli.MeshFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.agent.Agent;
import dev.rigging.agent.HealthGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty policy commits land while a client keeps sending: nothing the policy did not fail fails.
 */
@Timeout(300)
class AgentUnderLoadTest {
  static final int COMMITS = 50;

  @TempDir Path tmp;

  @Test
  void fiftyCommitsUnderLoad_failNoRequest() throws Exception {
    try (MeshFixture mesh = new MeshFixture(tmp)) {
      String first = mesh.commit("to v1");
      Agent agent =
          mesh.start(mesh.settings(Duration.ofSeconds(10), HealthGate.off(), Optional.empty()));
      await(agent, s -> first.equals(s.appliedCommit()), Duration.ofSeconds(60));
      mesh.warmUp();
      AtomicBoolean sending = new AtomicBoolean(true);
      AtomicLong ok = new AtomicLong();
      Map<String, Long> failures = new ConcurrentHashMap<>();
      java.util.Queue<String> when = new java.util.concurrent.ConcurrentLinkedQueue<>();
      long started = System.nanoTime();
      java.util.concurrent.atomic.AtomicInteger landed =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread[] clients = new Thread[4];
      for (int c = 0; c < clients.length; c++) {
        clients[c] =
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < 1_000_000 && sending.get(); i++) {
                        try {
                          var response = mesh.call();
                          if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                          } else {
                            failures.merge("HTTP " + response.statusCode(), 1L, Long::sum);
                          }
                        } catch (Exception e) {
                          failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                          when.add(
                              String.format(
                                  "%s at %d ms, after commit %d",
                                  e.getClass().getSimpleName(),
                                  (System.nanoTime() - started) / 1_000_000,
                                  landed.get()));
                        }
                      }
                    });
      }
      String[] actions = {"to v2", "split v1 30%, v2 70%", "to v1", "split v1 90%, v2 10%"};
      for (int i = 0; i < COMMITS; i++) {
        String commit = mesh.commit(actions[i % actions.length]);
        agent.poke();
        await(agent, s -> commit.equals(s.appliedCommit()), Duration.ofSeconds(30));
        landed.incrementAndGet();
      }
      sending.set(false);
      for (Thread client : clients) {
        client.join(30_000);
      }
      assertEquals(Map.of(), failures, "requests failed during " + COMMITS + " reloads: " + when);
      assertTrue(ok.get() > COMMITS * 10L, "the client kept sending: " + ok.get());
      assertTrue(
          mesh.agentHttp("GET", "/metrics")
              .body()
              .contains("rigging_agent_commits_applied_total " + (COMMITS + 1)));
    }
  }
}
