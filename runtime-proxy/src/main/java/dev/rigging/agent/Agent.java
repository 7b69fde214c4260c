package dev.rigging.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rigging.gitops.RepoMirror;
import dev.rigging.validators.EnvoyValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * A running agent: its loop thread, the proxies it supervises, and the HTTP endpoint serving {@code
 * /status}, {@code /ready}, {@code /metrics} and {@code /webhook}.
 */
public final class Agent implements AutoCloseable {
  private final AgentSettings settings;
  private final Reconciler reconciler;
  private final List<ProxySupervisor> proxies;
  private final AgentMetrics metrics;
  private final HttpServer http;
  private final Thread loop;
  private final RepoMirror mirror;

  private Agent(
      AgentSettings settings,
      Reconciler reconciler,
      List<ProxySupervisor> proxies,
      AgentMetrics metrics,
      HttpServer http,
      RepoMirror mirror) {
    this.settings = settings;
    this.reconciler = reconciler;
    this.proxies = proxies;
    this.metrics = metrics;
    this.http = http;
    this.mirror = mirror;
    this.loop = Thread.ofPlatform().name("rig-agent").daemon(false).unstarted(reconciler);
  }

  /**
   * Starts the agent: loads its saved state, adopts or starts the proxies on the last applied
   * configuration, then begins fetching.
   */
  public static Agent start(AgentSettings settings) throws IOException {
    Files.createDirectories(settings.stateDir());
    StateStore store = new StateStore(settings.stateDir());
    AgentState state = store.load();
    ConfigDirs dirs = new ConfigDirs(settings.stateDir(), settings.configRoot());
    RepoMirror mirror =
        RepoMirror.at(
            settings.repo(),
            settings.branch(),
            settings.stateDir().resolve("mirror.git"),
            settings.credentials());
    // The validator's type registry takes about a second to build; do it off the start path.
    CompletableFuture<ConfigCheck> check =
        CompletableFuture.supplyAsync(() -> new ConfigCheck(EnvoyValidator.create()));
    AgentMetrics metrics = new AgentMetrics();
    Reconciler[] self = new Reconciler[1];
    List<ProxySupervisor> proxies = new ArrayList<>();
    for (ProxyTarget target : settings.proxies()) {
      proxies.add(
          new ProxySupervisor(
              target,
              dirs.link(target.name()),
              settings.stateDir().resolve("logs").resolve(target.name() + ".log"),
              settings.launcher(),
              () -> {
                if (self[0] != null) {
                  self[0].wake();
                }
              }));
    }
    resume(state, dirs, proxies);
    Reconciler reconciler =
        new Reconciler(settings, mirror, dirs, store, state, proxies, metrics, check::join);
    self[0] = reconciler;
    HttpServer http = HttpServer.create(settings.listen(), 16);
    Agent agent = new Agent(settings, reconciler, proxies, metrics, http, mirror);
    http.createContext("/status", agent::status);
    http.createContext("/ready", agent::ready);
    http.createContext("/metrics", agent::metrics);
    http.createContext("/webhook", agent::webhook);
    http.setExecutor(Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory()));
    http.start();
    agent.loop.start();
    return agent;
  }

  /** Adopts proxies an earlier agent left running on the applied commit; others start later. */
  private static void resume(AgentState state, ConfigDirs dirs, List<ProxySupervisor> proxies)
      throws IOException {
    if (state.appliedCommit == null) {
      return;
    }
    for (ProxySupervisor proxy : proxies) {
      String name = proxy.target().name();
      Long pid = state.pids.get(name);
      String hash = state.hashes.get(name);
      if (pid != null && hash != null && dirs.pointsAt(name, state.appliedCommit)) {
        proxy.adopt(pid, hash);
      }
    }
  }

  /** The address of the agent's HTTP endpoint. */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  public AgentStatus status() {
    return reconciler.status();
  }

  /** Asks the agent to fetch now, as a webhook does. */
  public void poke() {
    reconciler.wake();
  }

  private void status(HttpExchange exchange) throws IOException {
    respond(exchange, 200, "application/json", StatusJson.render(reconciler.status()));
  }

  /**
   * Answers 200 once a commit is applied and every proxy runs, else 503: a Kubernetes readiness
   * probe, which reaches the pod's IP and so cannot use a proxy's loopback-only admin listener.
   */
  private void ready(HttpExchange exchange) throws IOException {
    boolean ready = isReady(reconciler.status());
    respond(exchange, ready ? 200 : 503, "text/plain", ready ? "READY\n" : "NOT_READY\n");
  }

  /** Whether {@code status} shows an applied commit served by every proxy. */
  static boolean isReady(AgentStatus status) {
    return status.appliedCommit() != null
        && !status.proxies().isEmpty()
        && status.proxies().stream().allMatch(AgentStatus.ProxyView::running);
  }

  private void metrics(HttpExchange exchange) throws IOException {
    respond(exchange, 200, "text/plain; version=0.0.4", metrics.render(reconciler.proxyRestarts()));
  }

  private void webhook(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(1 << 20);
    if (!"POST".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "text/plain", "POST only\n");
      return;
    }
    WebhookAuth auth = new WebhookAuth(settings.webhookSecret());
    if (!auth.allows(exchange.getRequestHeaders()::getFirst, body)) {
      respond(exchange, 401, "text/plain", "webhook secret does not match\n");
      return;
    }
    metrics.webhooks.increment();
    reconciler.wake();
    respond(exchange, 202, "text/plain", "fetching\n");
  }

  private static void respond(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the loop and the endpoint, and the proxies too unless {@code keepProxies}. */
  public void close(boolean keepProxies) {
    reconciler.stop();
    try {
      loop.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.stop(0);
    if (!keepProxies) {
      proxies.forEach(ProxySupervisor::stop);
    }
    mirror.close();
  }

  @Override
  public void close() {
    close(false);
  }
}
