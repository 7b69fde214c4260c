package dev.rigging.proxy.runtime;

import dev.rigging.proxy.config.ConfigLoadException;
import dev.rigging.proxy.config.HostPort;
import dev.rigging.proxy.net.DataPlane;
import dev.rigging.proxy.net.DownstreamTls;
import dev.rigging.proxy.net.ListenerSocket;
import dev.rigging.proxy.net.ProxyLimits;
import dev.rigging.proxy.net.Transport;
import dev.rigging.proxy.tls.TlsEngine;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The running proxy: loads a {@link ConfigSource}, binds its listeners on a {@link DataPlane}, and
 * serves the admin listener. A reload swaps the whole configuration at once: requests in flight
 * keep the one they started with, listeners whose address (and TLS-ness) did not change keep their
 * sockets, and a configuration that fails to load or bind leaves the old one serving.
 */
public final class ProxyRuntime implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ProxyRuntime.class.getName());

  /**
   * How to run.
   *
   * @param admin where the admin listener binds (port 0 picks one)
   * @param workers event loops for traffic
   * @param accessLog where access-log lines go
   * @param limits the data path's resource limits
   * @param transport how the event loops reach the sockets
   * @param tlsEngine which TLS implementation encrypts connections
   */
  public record Options(
      InetSocketAddress admin,
      int workers,
      OutputStream accessLog,
      ProxyLimits limits,
      Transport transport,
      TlsEngine tlsEngine) {
    public Options {
      Objects.requireNonNull(admin, "admin");
      Objects.requireNonNull(accessLog, "accessLog");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(tlsEngine, "tlsEngine");
      if (workers <= 0) {
        throw new IllegalArgumentException("workers must be positive");
      }
    }

    /** Options with the best transport and TLS engine this machine offers. */
    public Options(
        InetSocketAddress admin, int workers, OutputStream accessLog, ProxyLimits limits) {
      this(admin, workers, accessLog, limits, Transport.preferred(), TlsEngine.preferred());
    }
  }

  /** The outcome of a reload: the configuration now serving, or why the new one was refused. */
  public sealed interface ReloadResult {
    /** The new configuration serves. */
    record Applied(String hash, String version) implements ReloadResult {}

    /** The old configuration still serves; {@code error} says why. */
    record Refused(String error) implements ReloadResult {}
  }

  private record Bound(ListenerSocket socket, HostPort configured, boolean tls) {}

  private final ConfigSource source;
  private final DataPlane plane;
  private final RuntimeStats stats;
  private final AccessLogWriter accessLog;
  private final RuntimeBuilder builder;
  private final TlsEngine tlsEngine;
  private final AtomicReference<RuntimeConfig> current = new AtomicReference<>();
  private final Map<String, Bound> bound = new LinkedHashMap<>();
  private final AdminServer admin;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          task -> Thread.ofPlatform().daemon().name("rigging-outlier").unstarted(task));
  private final Map<ClusterRuntime, ScheduledFuture<?>> ticking = new IdentityHashMap<>();
  private volatile boolean serving;
  private volatile String lastReloadError = "";

  private ProxyRuntime(ConfigSource source, Options options) throws IOException {
    this.source = source;
    this.plane = new DataPlane(options.limits(), options.workers(), options.transport());
    this.stats = new RuntimeStats(plane.stats());
    this.accessLog = new AccessLogWriter(options.accessLog(), stats);
    this.builder = new RuntimeBuilder(stats, options.tlsEngine());
    this.tlsEngine = options.tlsEngine();
    this.admin = new AdminServer(options.admin(), this);
  }

  /**
   * Loads the configuration at {@code source}, binds every listener and the admin listener, and
   * starts serving.
   *
   * @throws StartException when the configuration cannot be loaded or a socket cannot be bound; its
   *     message names the file, field or address
   */
  public static ProxyRuntime start(ConfigSource source, Options options) throws StartException {
    ProxyRuntime runtime;
    try {
      runtime = new ProxyRuntime(source, options);
    } catch (IOException e) {
      throw new StartException(
          "cannot bind the admin listener on " + options.admin() + ": " + e.getMessage(), e);
    }
    try {
      runtime.apply(compile(source, runtime.builder));
      runtime.admin.start();
      runtime.serving = true;
      return runtime;
    } catch (StartException | RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private static RuntimeConfig compile(ConfigSource source, RuntimeBuilder builder)
      throws StartException {
    try {
      ConfigSource.Loaded loaded = source.load();
      return builder.build(
          loaded.snapshot(), loaded.hash(), loaded.version(), loaded.source().toString());
    } catch (ConfigLoadException e) {
      throw new StartException(e.getMessage(), e);
    } catch (IOException e) {
      throw new StartException("cannot read " + source.path() + ": " + e.getMessage(), e);
    } catch (RuntimeBuilder.RuntimeBuildException e) {
      throw new StartException(source.path() + ": " + e.getMessage(), e);
    }
  }

  /** Re-reads the configuration and swaps it in; on any problem the old one keeps serving. */
  public synchronized ReloadResult reload() {
    try {
      RuntimeConfig next = compile(source, builder);
      apply(next);
      stats.reload(true);
      lastReloadError = "";
      LOG.info(() -> "configuration " + next.hash() + " (" + next.version() + ") applied");
      return new ReloadResult.Applied(next.hash(), next.version());
    } catch (StartException | RuntimeException e) {
      stats.reload(false);
      lastReloadError = e.getMessage();
      LOG.warning(() -> "reload refused, previous configuration still serving: " + e.getMessage());
      return new ReloadResult.Refused(String.valueOf(e.getMessage()));
    }
  }

  /** Binds what is new, swaps the configuration, then closes what is gone. */
  private synchronized void apply(RuntimeConfig next) throws StartException {
    Map<String, Bound> opened = new HashMap<>();
    Map<String, Bound> kept = new LinkedHashMap<>();
    try {
      for (ListenerRuntime listener : next.listeners().values()) {
        String name = listener.config().name();
        Bound old = bound.get(name);
        HostPort address = listener.config().address();
        if (old != null && old.configured().equals(address) && old.tls() == listener.tls()) {
          kept.put(name, old);
          continue;
        }
        ListenerSocket socket =
            plane.bind(
                new InetSocketAddress(address.host(), address.port()),
                new ListenerRouter(name, current, stats, accessLog),
                listener.tls() ? Optional.of(tlsOf(name)) : Optional.empty());
        opened.put(name, new Bound(socket, address, listener.tls()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      opened.values().forEach(b -> b.socket().close());
      throw new StartException("interrupted while binding listeners", e);
    } catch (Exception e) {
      // Netty's sync() rethrows the bind failure (a BindException) without declaring it.
      opened.values().forEach(b -> b.socket().close());
      throw new StartException("cannot bind a listener: " + e.getMessage(), e);
    }
    RuntimeConfig previous = current.getAndSet(next);
    if (previous != null) {
      retireClustersGone(previous, next);
    }
    scheduleTicks(next);
    List<Bound> retired = new ArrayList<>();
    for (Map.Entry<String, Bound> old : bound.entrySet()) {
      if (!kept.containsKey(old.getKey())) {
        retired.add(old.getValue());
      }
    }
    bound.clear();
    for (String name : next.listeners().keySet()) {
      bound.put(name, kept.containsKey(name) ? kept.get(name) : opened.get(name));
    }
    retired.forEach(b -> b.socket().close());
  }

  /**
   * The clusters of {@code previous} that {@code next} does not reuse: their outlier-detection work
   * stops, requests already on them finish there, and their connections close behind them rather
   * than idle in pools nothing will draw from again.
   */
  private void retireClustersGone(RuntimeConfig previous, RuntimeConfig next) {
    var live = Collections.newSetFromMap(new IdentityHashMap<ClusterRuntime, Boolean>());
    live.addAll(next.clusters().values());
    for (ClusterRuntime cluster : previous.clusters().values()) {
      if (!live.contains(cluster)) {
        ScheduledFuture<?> tick = ticking.remove(cluster);
        if (tick != null) {
          tick.cancel(false);
        }
        cluster.retire();
        plane.retire(cluster);
      }
    }
  }

  /** Outlier detection's interval work for each new cluster that has it, once per cluster. */
  private void scheduleTicks(RuntimeConfig next) {
    for (ClusterRuntime cluster : next.clusters().values()) {
      if (ticking.containsKey(cluster) || cluster.tickInterval().isEmpty()) {
        continue;
      }
      long every = Math.max(1, cluster.tickInterval().get().toNanos());
      ticking.put(
          cluster, ticker.scheduleAtFixedRate(cluster::tick, every, every, TimeUnit.NANOSECONDS));
    }
  }

  /** SNI selection that follows the configuration current at each handshake. */
  private DownstreamTls tlsOf(String listener) {
    return serverName -> {
      ListenerRuntime runtime = current.get().listeners().get(listener);
      if (runtime == null) {
        return null;
      }
      Optional<SslContext> context =
          runtime.chainFor(Optional.ofNullable(serverName)).flatMap(ChainRuntime::tls);
      return context.orElse(null);
    };
  }

  /** The bound address of each listener, by name, in configuration order. */
  public synchronized Map<String, InetSocketAddress> listenerAddresses() {
    Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
    bound.forEach((name, b) -> addresses.put(name, b.socket().address()));
    return addresses;
  }

  /** The admin listener's bound address. */
  public InetSocketAddress adminAddress() {
    return admin.address();
  }

  /** How the event loops reach the sockets. */
  public Transport transport() {
    return plane.transport();
  }

  /** Which TLS implementation encrypts connections. */
  public TlsEngine tlsEngine() {
    return tlsEngine;
  }

  public RuntimeStats stats() {
    return stats;
  }

  /** Whether the proxy serves traffic (started and not closing). */
  public boolean ready() {
    return serving;
  }

  RuntimeConfig config() {
    return current.get();
  }

  String lastReloadError() {
    return lastReloadError;
  }

  /** Stops the admin listener and every listener, lets the access log drain, ends the loops. */
  @Override
  public synchronized void close() {
    serving = false;
    admin.close();
    ticker.shutdownNow();
    bound.values().forEach(b -> b.socket().close());
    bound.clear();
    plane.close();
    accessLog.close();
  }

  /** Raised when the proxy cannot start; the message is meant for the user as it is. */
  public static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
