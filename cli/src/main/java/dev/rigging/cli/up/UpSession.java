package dev.rigging.cli.up;

import dev.rigging.agent.Agent;
import dev.rigging.agent.AgentSettings;
import dev.rigging.agent.AgentStatus;
import dev.rigging.agent.HealthGate;
import dev.rigging.agent.ProxyAdmin;
import dev.rigging.agent.ProxyLauncher;
import dev.rigging.agent.ProxyTarget;
import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.compiler.ir.Gateway;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Service;
import dev.rigging.proxy.tls.DevCa;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * One run of {@code rig up}: compile and commit the policy, start backends, agent, proxies and
 * traffic, show what the traffic does, commit a change and show the mesh converge; stop cleanly.
 */
public final class UpSession {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final Duration FIRST_APPLY_TIMEOUT = Duration.ofSeconds(120);
  private static final int WINDOW_SECONDS = 5;
  private static final int EVENTS_SHOWN = 5;

  /**
   * How often leaves are checked for renewal: one falls due 3.5 days before it expires, and a check
   * reads three small files per proxy.
   */
  private static final Duration RENEWAL_CHECK = Duration.ofMinutes(10);

  /** Runs {@code rig compile} with the given arguments. */
  @FunctionalInterface
  public interface Compile {
    /** Returns the exit code; diagnostics go to {@code err}. */
    int run(List<String> args, PrintWriter err);
  }

  /**
   * How to run.
   *
   * @param policySource the policy directory to copy
   * @param stateDir where everything of this run lives; replaced at start
   * @param rate requests a second
   * @param changeAfter when to commit the demo change; zero never
   * @param duration how long to run; zero until stopped
   * @param agentListen the agent's HTTP endpoint
   * @param adminBasePort the first proxy's admin port; the others follow
   */
  public record Options(
      Path policySource,
      Path stateDir,
      int rate,
      Duration changeAfter,
      Duration duration,
      InetSocketAddress agentListen,
      int adminBasePort) {}

  private final Options options;
  private final ProxyLauncher launcher;
  private final Compile compile;
  private final PrintWriter out;
  private final LiveView view;
  private final ArrayDeque<String> events = new ArrayDeque<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private long eventCount;

  public UpSession(
      Options options, ProxyLauncher launcher, Compile compile, PrintWriter out, boolean terminal) {
    this.options = options;
    this.launcher = launcher;
    this.compile = compile;
    this.out = out;
    this.view = new LiveView(out, terminal);
  }

  /** Asks a running session to stop, and waits (bounded) until it has cleaned up. */
  public void stop() {
    stopRequested = true;
    try {
      finished.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs until stopped or the duration passes; returns the exit code. */
  public int run() throws IOException {
    try {
      return runSession();
    } finally {
      finished.countDown();
    }
  }

  private int runSession() throws IOException {
    Path state = options.stateDir().toAbsolutePath();
    StateDir.reset(state);
    PolicyRepo policy = PolicyRepo.create(options.policySource(), state.resolve("policy"));
    Path gitops = state.resolve("gitops.git");
    out.println("rig up: compiling " + options.policySource() + " into " + gitops);
    out.flush();
    if (compileAndCommit(policy, gitops).isEmpty()) {
      return 1;
    }
    Mesh mesh = mesh(policy.dir());
    DevCa ca = DevCa.openOrCreate(mesh.name(), state.resolve("certs"));
    List<ProxyTarget> proxies = new ArrayList<>();
    for (String name : proxyNames(mesh)) {
      ca.ensureLeaf(name);
      proxies.add(
          new ProxyTarget(
              name, new InetSocketAddress("127.0.0.1", options.adminBasePort() + proxies.size())));
    }
    Map<String, InetSocketAddress> admins = new LinkedHashMap<>();
    proxies.forEach(p -> admins.put(p.name(), p.admin()));
    LeafRenewal renewal =
        new LeafRenewal(
            ca, List.copyOf(admins.keySet()), name -> new ProxyAdmin(admins.get(name)).reload());
    AgentLog.toFile(state.resolve("agent/agent.log"));
    try (SampleBackends backends = SampleBackends.start(mesh);
        Agent agent = Agent.start(settings(state, gitops, proxies))) {
      event(
          "started "
              + backends.count()
              + " sample backends and the agent for "
              + proxies.size()
              + " proxies");
      if (!awaitFirstApply(agent, mesh, policy)) {
        return 2;
      }
      try (TrafficGenerator traffic =
          TrafficGenerator.start(
              TrafficGenerator.targets(mesh), options.rate(), slowMillis(mesh))) {
        loop(agent, traffic, mesh, policy, gitops, renewal);
      }
    }
    out.println("rig up: stopped; the output repository stays at " + gitops);
    out.flush();
    return 0;
  }

  private void loop(
      Agent agent,
      TrafficGenerator traffic,
      Mesh mesh,
      PolicyRepo policy,
      Path gitops,
      LeafRenewal renewal)
      throws IOException {
    long start = System.nanoTime();
    long renewalCheckAt = start + RENEWAL_CHECK.toNanos();
    long changeAt =
        options.changeAfter().isZero() ? Long.MAX_VALUE : start + options.changeAfter().toNanos();
    long endAt =
        options.duration().isZero() ? Long.MAX_VALUE : start + options.duration().toNanos();
    long fingerprint = policy.fingerprint();
    String awaited = null;
    long committedAt = 0;
    String lastApplied = agent.status().appliedCommit();
    while (!stopRequested && System.nanoTime() < endAt) {
      long now = System.nanoTime();
      long current = now >= changeAt ? fingerprint : policy.fingerprint();
      if (now >= changeAt) {
        changeAt = Long.MAX_VALUE;
        Optional<String> change = policy.shiftSplitToSecond();
        if (change.isEmpty()) {
          event("no two-way split to shift; edit " + policy.mainFile() + " to change the policy");
        } else {
          policy.commitEdits("rig up: " + change.get());
          fingerprint = policy.fingerprint();
          event("policy change: " + change.get());
          awaited = compileAndCommit(policy, gitops).orElse(null);
          committedAt = System.nanoTime();
          agent.poke();
        }
      } else if (current != fingerprint) {
        fingerprint = current;
        if (policy.commitEdits("edited during rig up").isPresent()) {
          event("policy edited; compiling");
          awaited = compileAndCommit(policy, gitops).orElse(null);
          committedAt = System.nanoTime();
          agent.poke();
        }
      }
      if (now >= renewalCheckAt) {
        renewalCheckAt = now + RENEWAL_CHECK.toNanos();
        renewal.check().forEach(this::event);
      }
      AgentStatus status = agent.status();
      if (status.appliedCommit() != null
          && !status.appliedCommit().equals(lastApplied)
          && !status.appliedCommit().equals(awaited)
          && status.lastError() != null) {
        // Not a commit we made: the health gate went back to an earlier one.
        event("agent: " + status.lastError().message());
      }
      lastApplied = status.appliedCommit();
      if (awaited != null && awaited.equals(status.appliedCommit())) {
        event(
            String.format(
                java.util.Locale.ROOT,
                "converged: every proxy runs %s, %.0f ms after the commit",
                awaited.substring(0, 12),
                (System.nanoTime() - committedAt) / 1e6));
        awaited = null;
      } else if (awaited != null && status.rejected().containsKey(awaited)) {
        event("agent refused " + awaited.substring(0, 12) + ": " + status.rejected().get(awaited));
        awaited = null;
      }
      String next =
          changeAt == Long.MAX_VALUE
              ? (awaited != null
                  ? "waiting for the proxies to confirm " + awaited.substring(0, 12)
                  : "edit "
                      + policy.mainFile()
                      + " and save: rig up compiles, commits and applies it")
              : "in "
                  + Math.max(0, (changeAt - now) / 1_000_000_000L)
                  + " s: commit a policy change (a two-way split → its second version)";
      view.draw(frame(agent, traffic, mesh, policy, gitops, next));
      sleep(250);
    }
  }

  private boolean awaitFirstApply(Agent agent, Mesh mesh, PolicyRepo policy) throws IOException {
    long deadline = System.nanoTime() + FIRST_APPLY_TIMEOUT.toNanos();
    while (!stopRequested) {
      AgentStatus status = agent.status();
      if (status.appliedCommit() != null) {
        event("agent applied " + status.appliedCommit().substring(0, 12) + "; sending traffic");
        return true;
      }
      if (!status.rejected().isEmpty() || System.nanoTime() > deadline) {
        String why =
            status.lastError() == null ? "no answer from the agent" : status.lastError().message();
        out.println("rig up: the proxies did not start: " + why);
        out.println("rig up: proxy logs are in " + options.stateDir().resolve("agent/logs"));
        out.flush();
        return false;
      }
      sleep(100);
    }
    return false;
  }

  private Frame frame(
      Agent agent, TrafficGenerator traffic, Mesh mesh, PolicyRepo policy, Path gitops, String next)
      throws IOException {
    AgentStatus status = agent.status();
    Map<String, Long> proxies = new LinkedHashMap<>();
    for (AgentStatus.ProxyView p : status.proxies()) {
      proxies.put(p.name(), p.running() ? p.pid() : null);
    }
    Map<String, TrafficStats.Window> windows = new LinkedHashMap<>();
    TrafficStats.Window window = traffic.stats().window(System.currentTimeMillis(), WINDOW_SECONDS);
    for (TrafficGenerator.Target target : traffic.targets()) {
      windows.put(target.callee(), window);
    }
    long ago =
        status.appliedAt() == null
            ? 0
            : Duration.between(status.appliedAt(), java.time.Instant.now()).toSeconds();
    return new Frame(
        mesh.name(),
        display(policy.mainFile()),
        status.appliedCommit(),
        status.appliedCommit() == null ? "" : subject(gitops, status.appliedCommit()),
        ago,
        proxies,
        options.rate(),
        WINDOW_SECONDS,
        windows,
        next,
        List.copyOf(events),
        eventCount);
  }

  /** Compiles the policy and commits it; returns the output commit, or empty on errors. */
  private Optional<String> compileAndCommit(PolicyRepo policy, Path gitops) throws IOException {
    Path state = options.stateDir().toAbsolutePath();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        compile.run(
            List.of(
                "compile",
                policy.dir().toString(),
                "--commit",
                "--repo",
                gitops.toString(),
                "--source-rev",
                policy.head(),
                "--config-dir",
                state.resolve("agent/current") + "/{proxy}",
                "--cert-dir",
                state.resolve("certs") + "/{proxy}"),
            new PrintWriter(err, true));
    if (code != 0) {
      String first = err.toString().lines().findFirst().orElse("exit " + code);
      event("compile failed, still serving the last good commit: " + first);
      if (events.size() <= 1) {
        out.print(err);
        out.flush();
      }
      return Optional.empty();
    }
    try (Git git = Git.open(gitops.toFile())) {
      ObjectId tip = git.getRepository().resolve("refs/heads/main");
      String summary = err.toString().strip();
      if (summary.startsWith("no change")) {
        event("compiled: no change in the output");
        return Optional.empty();
      }
      event("committed " + tip.name().substring(0, 12) + " to " + gitops.getFileName());
      return Optional.of(tip.name());
    }
  }

  /** A path as short as it can be said from the working directory. */
  private static String display(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }

  private static String subject(Path gitops, String commit) throws IOException {
    try (Git git = Git.open(gitops.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.parseCommit(ObjectId.fromString(commit)).getShortMessage();
    }
  }

  private static Mesh mesh(Path policyDir) throws IOException {
    Compilation compilation = new Compiler().compile(List.of(policyDir));
    return compilation
        .mesh()
        .orElseThrow(() -> new IOException("the policy compiled but holds no mesh"));
  }

  /**
   * Answers at least this slow were delayed on purpose: 90% of the shortest delay a fault rule
   * injects (a loaded machine adds latency, never removes it), or 1 s without delay faults.
   */
  static long slowMillis(Mesh mesh) {
    return mesh.services().stream()
        .flatMap(s -> s.routes().stream())
        .flatMap(r -> r.delay().stream())
        .mapToLong(d -> d.delay().millis() * 9 / 10)
        .min()
        .orElse(1000);
  }

  private static List<String> proxyNames(Mesh mesh) {
    List<String> names = new ArrayList<>();
    mesh.services().stream().map(Service::name).forEach(names::add);
    mesh.gateways().stream().map(Gateway::name).forEach(names::add);
    return names;
  }

  private AgentSettings settings(Path state, Path gitops, List<ProxyTarget> proxies) {
    return new AgentSettings(
        gitops.toString(),
        "main",
        "",
        proxies,
        state.resolve("agent"),
        state.resolve("agent/current"),
        Duration.ofSeconds(1),
        options.agentListen(),
        new HealthGate(Duration.ofSeconds(3), 0.05, 20),
        Optional.empty(),
        Optional.empty(),
        launcher,
        CredentialsProvider.getDefault());
  }

  private void event(String text) {
    eventCount++;
    events.addLast(LocalTime.now().format(CLOCK) + "  " + text);
    while (events.size() > EVENTS_SHOWN) {
      events.removeFirst();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
