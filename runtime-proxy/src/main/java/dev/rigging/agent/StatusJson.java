package dev.rigging.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders {@link AgentStatus} as the JSON of {@code /status}. */
final class StatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  static String render(AgentStatus status) {
    ObjectNode root = JSON.createObjectNode();
    root.put("repo", status.repo());
    root.put("branch", status.branch());
    ObjectNode applied = root.putObject("applied");
    applied.put("commit", status.appliedCommit());
    applied.put("applied_at", status.appliedAt() == null ? null : status.appliedAt().toString());
    ObjectNode hashes = applied.putObject("config_hashes");
    status.hashes().forEach(hashes::put);
    root.put("pending_commit", status.pendingCommit());
    if (status.lastError() == null) {
      root.putNull("last_error");
    } else {
      ObjectNode error = root.putObject("last_error");
      error.put("at", status.lastError().at().toString());
      error.put("commit", status.lastError().commit());
      error.put("message", status.lastError().message());
    }
    root.put(
        "last_fetch_at", status.lastFetchAt() == null ? null : status.lastFetchAt().toString());
    if (status.lastConvergenceMillis() >= 0) {
      root.put("last_convergence_ms", Math.round(status.lastConvergenceMillis() * 10) / 10.0);
    } else {
      root.putNull("last_convergence_ms");
    }
    if (status.lastHealth() == null) {
      root.putNull("last_health");
    } else {
      ObjectNode health = root.putObject("last_health");
      health.put("requests", status.lastHealth().requests());
      health.put("unintended_errors", status.lastHealth().unintendedErrors());
      health.put("error_rate", status.lastHealth().errorRate());
      health.put("rolled_back", status.lastHealth().harmful());
    }
    var rejected = root.putArray("rejected");
    status
        .rejected()
        .forEach(
            (commit, reason) -> rejected.addObject().put("commit", commit).put("reason", reason));
    var proxies = root.putArray("proxies");
    for (AgentStatus.ProxyView proxy : status.proxies()) {
      proxies
          .addObject()
          .put("name", proxy.name())
          .put("admin", proxy.admin())
          .put("pid", proxy.pid())
          .put("running", proxy.running())
          .put("adopted", proxy.adopted())
          .put("restarts", proxy.restarts());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }
}
