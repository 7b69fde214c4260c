package dev.rigging.agent;

import dev.rigging.gitops.GitOpsException;
import dev.rigging.gitops.RepoMirror;
import dev.rigging.gitops.SignatureVerifier;
import dev.rigging.proxy.config.ConfigHash;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The agent's loop: fetch, and when the branch moved, check the new commit, switch every proxy to
 * it, confirm each runs it, then watch the health window; on any failure the proxies stay on (or
 * return to) the last good commit.
 *
 * <p>One thread runs it, so steps never overlap; webhooks and proxy exits only wake it.
 */
final class Reconciler implements Runnable {
  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final AgentSettings settings;
  private final RepoMirror mirror;
  private final ConfigDirs dirs;
  private final StateStore store;
  private final AgentState state;
  private final List<ProxySupervisor> proxies;
  private final AgentMetrics metrics;
  private final Supplier<ConfigCheck> check;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running = true;
  private volatile AgentStatus status;

  private int fetchFailures;
  private String lastSeen;
  private long noticedAtNanos;
  private String pending;
  private AgentStatus.Failure lastError;
  private Instant lastFetchAt;
  private HealthGate.Verdict lastHealth;
  private Watch watch;

  /**
   * A change being watched by the health gate. A window that saw too few requests to judge is
   * extended, up to {@link #WATCH_EXTENSIONS} windows, so quiet traffic still gets judged.
   */
  private record Watch(
      String commit, String previous, TrafficSample before, long deadlineNanos, long lastNanos) {}

  private static final int WATCH_EXTENSIONS = 10;

  Reconciler(
      AgentSettings settings,
      RepoMirror mirror,
      ConfigDirs dirs,
      StateStore store,
      AgentState state,
      List<ProxySupervisor> proxies,
      AgentMetrics metrics,
      Supplier<ConfigCheck> check) {
    this.settings = settings;
    this.mirror = mirror;
    this.dirs = dirs;
    this.store = store;
    this.state = state;
    this.proxies = proxies;
    this.metrics = metrics;
    this.check = check;
    publish();
  }

  /** Asks the loop to fetch now. */
  void wake() {
    wake.release();
  }

  void stop() {
    running = false;
    wake.release();
  }

  AgentStatus status() {
    return status;
  }

  @Override
  public void run() {
    while (running) {
      try {
        tick();
      } catch (RuntimeException e) {
        fail(null, "internal error: " + e);
      }
      publish();
      try {
        if (wake.tryAcquire(nextWait().toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Duration nextWait() {
    Duration wait = settings.pollInterval();
    if (fetchFailures > 0) {
      wait = wait.multipliedBy(1L << Math.min(fetchFailures, 10));
      wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
    if (watch != null) {
      long left = Math.max(1, (watch.deadlineNanos() - System.nanoTime()) / 1_000_000);
      wait = Duration.ofMillis(Math.min(wait.toMillis(), left));
    }
    return wait;
  }

  private void tick() {
    supervise();
    if (watch != null && System.nanoTime() >= watch.deadlineNanos()) {
      judge(false);
    }
    Optional<ObjectId> tip;
    try {
      tip = mirror.fetch();
      fetchFailures = 0;
      lastFetchAt = Instant.now();
    } catch (GitOpsException e) {
      fetchFailures++;
      metrics.fetchErrors.increment();
      fail(null, e.getMessage() + " (keeps serving " + shortId(state.appliedCommit) + ")");
      return;
    }
    if (tip.isEmpty()) {
      fail(null, "branch " + settings.branch() + " does not exist in " + settings.repo() + " yet");
      return;
    }
    String id = tip.get().name();
    if (id.equals(state.appliedCommit) || state.rejected.containsKey(id)) {
      pending = null;
      return;
    }
    if (!id.equals(lastSeen)) {
      lastSeen = id;
      noticedAtNanos = System.nanoTime();
      metrics.commitsSeen.increment();
    }
    pending = id;
    if (watch != null) {
      // Judge the running change on what it has shown so far before stacking another on it.
      judge(true);
    }
    publish();
    apply(tip.get());
  }

  private void supervise() {
    if (state.appliedCommit == null) {
      return;
    }
    for (ProxySupervisor proxy : proxies) {
      try {
        if (proxy.ensureRunning()) {
          state.pids.put(proxy.target().name(), proxy.pid().orElse(0L));
          save();
        }
      } catch (IOException e) {
        fail(null, proxy.target().name() + ": " + e.getMessage());
      }
    }
  }

  private void apply(ObjectId tip) {
    String id = tip.name();
    Map<String, String> hashes = new LinkedHashMap<>();
    try {
      RevCommit commit = mirror.commit(tip);
      if (settings.verifier().isPresent()) {
        SignatureVerifier.Verdict verdict = settings.verifier().get().verify(commit);
        if (!verdict.trusted()) {
          reject(id, verdict.describe());
          return;
        }
      }
      for (ProxySupervisor proxy : proxies) {
        String name = proxy.target().name();
        String directory = settings.directoryOf(proxy.target());
        Map<String, byte[]> files = mirror.files(tip, directory);
        if (files.isEmpty()) {
          reject(id, "the commit has no " + directory + "/ directory");
          return;
        }
        Path dir = dirs.write(name, id, files);
        List<String> problems = check.get().problems(dir, name);
        if (!problems.isEmpty()) {
          reject(id, name + ": " + summarize(problems));
          return;
        }
        hashes.put(name, ConfigHash.ofDirectory(dir));
      }
    } catch (GitOpsException | IOException e) {
      fail(id, "cannot read the commit: " + e.getMessage());
      return;
    }
    String previous = state.appliedCommit;
    List<ProxySupervisor> switched = new ArrayList<>();
    for (ProxySupervisor proxy : proxies) {
      switched.add(proxy);
      try {
        switchTo(proxy, id, hashes.get(proxy.target().name()));
      } catch (IOException e) {
        if (previous != null) {
          restore(switched, previous);
        }
        reject(id, proxy.target().name() + ": " + e.getMessage());
        return;
      }
    }
    long micros = (System.nanoTime() - noticedAtNanos) / 1000;
    metrics.converged(micros);
    metrics.applied.increment();
    state.markApplied(id, hashes, Instant.now());
    pending = null;
    save();
    LOG.info(() -> "applied " + shortId(id) + " in " + micros / 1000 + " ms");
    if (settings.gate().enabled() && previous != null) {
      long window = settings.gate().window().toNanos();
      long now = System.nanoTime();
      watch = new Watch(id, previous, sample(), now + window, now + window * WATCH_EXTENSIONS);
    }
    prune();
  }

  /**
   * Ends the health window: keeps the change, or returns every proxy to the previous commit. A
   * window with too few requests is extended unless {@code now} or it has run its course.
   */
  private void judge(boolean now) {
    Watch w = watch;
    TrafficSample after = sample();
    if (w.before() == null || after == null) {
      watch = null;
      return;
    }
    HealthGate.Verdict verdict = settings.gate().judge(w.before(), after);
    boolean tooFew = verdict.requests() < settings.gate().minRequests();
    if (tooFew && !now && System.nanoTime() < w.lastNanos()) {
      watch =
          new Watch(
              w.commit(),
              w.previous(),
              w.before(),
              System.nanoTime() + settings.pollInterval().toNanos(),
              w.lastNanos());
      return;
    }
    watch = null;
    lastHealth = verdict;
    if (!verdict.harmful() || !w.commit().equals(state.appliedCommit)) {
      return;
    }
    Map<String, String> previousHashes = restore(proxies, w.previous());
    metrics.rolledBack.increment();
    String reason = "rolled back to " + shortId(w.previous()) + ": " + verdict.describe();
    state.reject(w.commit(), reason);
    metrics.rejected.increment();
    state.markApplied(w.previous(), previousHashes, Instant.now());
    fail(w.commit(), reason);
    save();
  }

  /** Switches {@code which} back to {@code commit}; returns the hashes they now run. */
  private Map<String, String> restore(List<ProxySupervisor> which, String commit) {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (ProxySupervisor proxy : which) {
      String name = proxy.target().name();
      try {
        String hash = ConfigHash.ofDirectory(dirs.dir(name, commit));
        switchTo(proxy, commit, hash);
        hashes.put(name, hash);
      } catch (IOException e) {
        fail(commit, name + ": cannot return to " + shortId(commit) + ": " + e.getMessage());
      }
    }
    return hashes;
  }

  /** Points the proxy at {@code commit} and waits until it reports {@code hash}. */
  private void switchTo(ProxySupervisor proxy, String commit, String hash) throws IOException {
    dirs.point(proxy.target().name(), commit);
    if (!proxy.running()) {
      proxy.ensureRunning();
      state.pids.put(proxy.target().name(), proxy.pid().orElse(0L));
    } else {
      String reported = proxy.admin().reload();
      if (hash.equals(reported)) {
        return;
      }
    }
    long deadline = System.nanoTime() + CONFIRM_TIMEOUT.toNanos();
    while (!proxy.admin().configHash().map(hash::equals).orElse(false)) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "the proxy did not confirm config "
                + hash.substring(0, 12)
                + " within "
                + CONFIRM_TIMEOUT.toSeconds()
                + " s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  private TrafficSample sample() {
    TrafficSample total = TrafficSample.ZERO;
    for (ProxySupervisor proxy : proxies) {
      try {
        total = total.plus(proxy.admin().traffic());
      } catch (IOException e) {
        return null;
      }
    }
    return total;
  }

  private void reject(String commit, String reason) {
    metrics.rejected.increment();
    state.reject(commit, reason);
    pending = null;
    fail(commit, "commit " + shortId(commit) + " not applied: " + reason);
    save();
  }

  private void fail(String commit, String message) {
    lastError = new AgentStatus.Failure(Instant.now(), commit, message);
    LOG.warning(message);
  }

  private void prune() {
    Set<String> keep = new HashSet<>(state.good);
    for (ProxySupervisor proxy : proxies) {
      try {
        dirs.prune(proxy.target().name(), keep);
      } catch (IOException e) {
        LOG.warning(() -> "cannot prune old configs: " + e.getMessage());
      }
    }
  }

  private void save() {
    try {
      store.save(state);
    } catch (IOException e) {
      fail(null, "cannot save agent state: " + e.getMessage());
    }
  }

  private void publish() {
    List<AgentStatus.ProxyView> views = new ArrayList<>();
    for (ProxySupervisor proxy : proxies) {
      var admin = proxy.target().admin();
      views.add(
          new AgentStatus.ProxyView(
              proxy.target().name(),
              admin.getHostString() + ":" + admin.getPort(),
              proxy.pid().orElse(null),
              proxy.running(),
              proxy.adopted(),
              proxy.restarts()));
    }
    long last = metrics.lastConvergenceMicros.get();
    status =
        new AgentStatus(
            settings.repo(),
            settings.branch(),
            state.appliedCommit,
            state.appliedAt,
            Map.copyOf(state.hashes),
            pending,
            lastError,
            lastFetchAt,
            last < 0 ? -1 : last / 1000.0,
            lastHealth,
            new LinkedHashMap<>(state.rejected),
            views);
  }

  int proxyRestarts() {
    return proxies.stream().mapToInt(ProxySupervisor::restarts).sum();
  }

  static String shortId(String commit) {
    return commit == null ? "nothing" : commit.substring(0, Math.min(12, commit.length()));
  }

  private static String summarize(List<String> problems) {
    List<String> shown = problems.subList(0, Math.min(3, problems.size()));
    String more = problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : "";
    return String.join("; ", shown) + more;
  }
}
