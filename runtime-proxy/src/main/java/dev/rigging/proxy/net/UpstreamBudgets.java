package dev.rigging.proxy.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budget of each cluster that has pools, shared by every event loop. A retired cluster's budget
 * goes when its last pool does, so a proxy reloaded for weeks does not keep one per configuration
 * it ever served.
 */
final class UpstreamBudgets {
  private final Map<UpstreamCluster, UpstreamBudget> byCluster = new ConcurrentHashMap<>();

  UpstreamBudget of(UpstreamCluster cluster) {
    return byCluster.computeIfAbsent(cluster, c -> new UpstreamBudget(c.limits()));
  }

  /**
   * {@code pool} is gone. A loop creating a pool for the same cluster meanwhile keeps the budget it
   * was handed, and drops it in turn: the conditional removal never takes a newer one.
   */
  void left(UpstreamCluster cluster, UpstreamBudget budget, UpstreamPool.HostPool pool) {
    budget.members.remove(pool);
    if (budget.members.isEmpty()) {
      byCluster.remove(cluster, budget);
    }
  }

  /** How many clusters have a budget: for tests. */
  int size() {
    return byCluster.size();
  }
}
