package dev.rigging.agent;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The agent's counters, rendered in Prometheus text format for {@code /metrics}. */
final class AgentMetrics {
  final LongAdder commitsSeen = new LongAdder();
  final LongAdder applied = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder rolledBack = new LongAdder();
  final LongAdder fetchErrors = new LongAdder();
  final LongAdder webhooks = new LongAdder();
  final LongAdder convergenceCount = new LongAdder();
  final LongAdder convergenceMicros = new LongAdder();
  final AtomicLong lastConvergenceMicros = new AtomicLong(-1);

  void converged(long micros) {
    convergenceCount.increment();
    convergenceMicros.add(micros);
    lastConvergenceMicros.set(micros);
  }

  String render(int proxyRestarts) {
    StringBuilder out = new StringBuilder();
    counter(
        out,
        "rigging_agent_commits_seen_total",
        "New branch tips the agent noticed.",
        commitsSeen.sum());
    counter(
        out,
        "rigging_agent_commits_applied_total",
        "Commits applied and confirmed by every proxy.",
        applied.sum());
    counter(
        out,
        "rigging_agent_commits_rejected_total",
        "Commits refused: invalid, unsigned, or not confirmed.",
        rejected.sum());
    counter(
        out,
        "rigging_agent_rollbacks_total",
        "Applied commits rolled back by the health gate.",
        rolledBack.sum());
    counter(out, "rigging_agent_fetch_errors_total", "Fetches that failed.", fetchErrors.sum());
    counter(out, "rigging_agent_webhooks_total", "Accepted webhook calls.", webhooks.sum());
    counter(
        out,
        "rigging_agent_proxy_restarts_total",
        "Proxy processes started again after exiting.",
        proxyRestarts);
    out.append(
        "# HELP rigging_agent_convergence_seconds From noticing a commit to every proxy confirming"
            + " it.\n");
    out.append("# TYPE rigging_agent_convergence_seconds summary\n");
    out.append("rigging_agent_convergence_seconds_count ")
        .append(convergenceCount.sum())
        .append('\n');
    out.append("rigging_agent_convergence_seconds_sum ")
        .append(String.format(Locale.ROOT, "%.6f", convergenceMicros.sum() / 1e6))
        .append('\n');
    long last = lastConvergenceMicros.get();
    if (last >= 0) {
      out.append("# HELP rigging_agent_last_convergence_seconds The most recent convergence.\n");
      out.append("# TYPE rigging_agent_last_convergence_seconds gauge\n");
      out.append("rigging_agent_last_convergence_seconds ")
          .append(String.format(Locale.ROOT, "%.6f", last / 1e6))
          .append('\n');
    }
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append(' ').append(value).append('\n');
  }
}
