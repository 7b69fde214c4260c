package dev.rigging.proxy.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budget of each cluster in use, shared by every event loop. A retired cluster's budget goes
 * once no pool of it is left, so a proxy reloaded for weeks does not keep one per configuration it
 * ever served.
 */
final class UpstreamBudgets {
  private final Map<UpstreamCluster, UpstreamBudget> byCluster = new ConcurrentHashMap<>();

  /**
   * The budget of {@code cluster}. A retired cluster's is handed out while it lasts, but never made
   * anew for the map: a request that outlived its cluster's last pool gets a budget of its own,
   * which nothing has to remove.
   */
  UpstreamBudget of(UpstreamCluster cluster) {
    if (cluster.retired()) {
      UpstreamBudget existing = byCluster.get(cluster);
      return existing != null ? existing : new UpstreamBudget(cluster.limits());
    }
    return byCluster.computeIfAbsent(cluster, c -> new UpstreamBudget(c.limits()));
  }

  /** {@code pool}, of a retired cluster, is gone. */
  void left(UpstreamCluster cluster, UpstreamBudget budget, UpstreamPool.HostPool pool) {
    budget.members.remove(pool);
    forgetIfUnused(cluster);
  }

  /**
   * Drops retired {@code cluster}'s budget if no pool uses it. A pool a loop is making meanwhile
   * keeps the budget it was handed and calls {@link #left} in turn, which finds nothing to drop.
   */
  void forgetIfUnused(UpstreamCluster cluster) {
    byCluster.computeIfPresent(cluster, (c, budget) -> budget.members.isEmpty() ? null : budget);
  }

  /** How many clusters have a budget: for tests. */
  int size() {
    return byCluster.size();
  }
}
