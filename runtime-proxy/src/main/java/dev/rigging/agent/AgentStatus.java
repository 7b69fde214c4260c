package dev.rigging.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code /status} shows: a snapshot the agent's loop publishes after every step.
 *
 * @param repo the repository followed
 * @param branch its branch
 * @param appliedCommit the commit every proxy runs, or null before the first
 * @param appliedAt when it was confirmed
 * @param hashes the configuration hash per proxy for the applied commit
 * @param pendingCommit a newer commit being applied or waiting on a health window, or null
 * @param lastError the most recent failure, or null
 * @param lastFetchAt when the branch was last fetched successfully
 * @param lastConvergenceMillis how long the last change took from noticing to confirmed, or -1
 * @param lastHealth the last health-gate verdict, or null
 * @param rejected commits refused, with the reason, oldest first
 */
public record AgentStatus(
    String repo,
    String branch,
    String appliedCommit,
    Instant appliedAt,
    Map<String, String> hashes,
    String pendingCommit,
    Failure lastError,
    Instant lastFetchAt,
    double lastConvergenceMillis,
    HealthGate.Verdict lastHealth,
    Map<String, String> rejected,
    List<ProxyView> proxies) {

  /**
   * A failure worth telling.
   *
   * @param commit the commit concerned, or null when it was not about one (a fetch, say)
   */
  public record Failure(Instant at, String commit, String message) {}

  /** One proxy process as the agent sees it. */
  public record ProxyView(
      String name, String admin, Long pid, boolean running, boolean adopted, int restarts) {}
}
