package dev.rigging.cli;

import static dev.rigging.cli.MeshFixture.await;

import dev.rigging.agent.Agent;
import dev.rigging.agent.HealthGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commit-to-applied latency over real commits, with the webhook and with polling: the time from the
 * output commit landing on the branch to every proxy confirming the new configuration hash. Run by
 * bench/gitops-latency.sh (-Dbench=true); never part of the normal build.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class GitopsLatencyBench {
  static final int COMMITS = Integer.getInteger("bench.commits", 60);
  static final Duration POLL = Duration.ofMillis(Long.getLong("bench.pollMillis", 1000));

  @TempDir Path tmp;

  @Test
  void webhook() throws Exception {
    run("webhook", Duration.ofMinutes(10), true);
  }

  @Test
  void polling() throws Exception {
    run("polling every " + POLL.toMillis() + " ms", POLL, false);
  }

  private void run(String mode, Duration poll, boolean webhook) throws Exception {
    try (MeshFixture mesh = new MeshFixture(tmp.resolve(webhook ? "webhook" : "poll"))) {
      String first = mesh.commit("to v1");
      Agent agent = mesh.start(mesh.settings(poll, HealthGate.off(), Optional.empty()));
      await(agent, s -> first.equals(s.appliedCommit()), Duration.ofSeconds(60));
      String[] actions = {"to v2", "split v1 30%, v2 70%", "to v1", "split v1 90%, v2 10%"};
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < COMMITS; i++) {
        String commit = mesh.commit(actions[i % actions.length]);
        long landed = System.nanoTime();
        if (webhook) {
          mesh.agentHttp("POST", "/webhook");
        }
        await(agent, s -> commit.equals(s.appliedCommit()), Duration.ofSeconds(30));
        millis.add((System.nanoTime() - landed) / 1e6);
        // Spread commits over the poll phase, as real commits are.
        Thread.sleep(37 + (i * 131) % 400);
      }
      Collections.sort(millis);
      String line =
          String.format(
              Locale.ROOT,
              "%s: %d commits, commit-to-applied p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f"
                  + " ms",
              mode,
              millis.size(),
              pct(millis, 50),
              pct(millis, 90),
              pct(millis, 99),
              millis.get(millis.size() - 1));
      System.out.println(line);
      Path report = Path.of("target/bench/gitops-latency.txt");
      Files.createDirectories(report.getParent());
      Files.writeString(
          report,
          line + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
  }

  private static double pct(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
