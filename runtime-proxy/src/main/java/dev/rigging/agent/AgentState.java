package dev.rigging.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent must remember across restarts: the applied commit and its config hashes, the
 * commits known good (newest first, for rollback), the commits refused and why, and the proxy
 * processes it started (to adopt them instead of restarting them).
 */
final class AgentState {
  static final int GOOD_KEPT = 10;
  static final int REJECTED_KEPT = 50;

  String appliedCommit;
  Instant appliedAt;
  Map<String, String> hashes = new LinkedHashMap<>();
  List<String> good = new ArrayList<>();
  Map<String, String> rejected = new LinkedHashMap<>();
  Map<String, Long> pids = new LinkedHashMap<>();

  Optional<String> applied() {
    return Optional.ofNullable(appliedCommit);
  }

  void markApplied(String commit, Map<String, String> newHashes, Instant at) {
    appliedCommit = commit;
    appliedAt = at;
    hashes = new LinkedHashMap<>(newHashes);
    good.remove(commit);
    good.add(0, commit);
    while (good.size() > GOOD_KEPT) {
      good.remove(good.size() - 1);
    }
  }

  /** The good commit applied before {@code commit}, if any. */
  Optional<String> goodBefore(String commit) {
    int index = good.indexOf(commit);
    return index >= 0 && index + 1 < good.size()
        ? Optional.of(good.get(index + 1))
        : Optional.empty();
  }

  void reject(String commit, String reason) {
    good.remove(commit);
    rejected.remove(commit);
    rejected.put(commit, reason);
    while (rejected.size() > REJECTED_KEPT) {
      rejected.remove(rejected.keySet().iterator().next());
    }
  }
}
