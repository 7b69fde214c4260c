package dev.rigging.proxy.cluster;

import dev.rigging.proxy.config.ClusterConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Envoy's outlier detection on consecutive 5xx for one cluster's {@link HostSet}.
 *
 * <ul>
 *   <li>A host whose last {@code consecutive_5xx} responses were all 5xx (a connect failure, reset
 *       or timeout counts as one, as in Envoy by default) is ejected at once, unless that would put
 *       more than {@code max_ejection_percent} of the hosts out; Envoy ejects at least one host
 *       whatever the percentage.
 *   <li>An ejected host stays out for {@code base_ejection_time} × the number of its recent
 *       ejections, at most Envoy's {@code max_ejection_time} (300 s, or the base when longer). It
 *       comes back at the first {@link #onInterval() interval tick} after that time, with its 5xx
 *       count reset.
 *   <li>A host that stays in for an interval after coming back has its ejection multiplier lowered
 *       by one at each tick, so a host that recovers for good returns to the base time.
 * </ul>
 *
 * <p>The owner calls {@link #onInterval()} every {@link #interval()}; the clock ({@link
 * System#nanoTime()} in production) is injected. Thread-safe: results are counted lock-free;
 * ejection changes take a lock, which happens only when a host crosses its threshold or at ticks.
 */
public final class OutlierDetector {

  /** Envoy's default {@code max_ejection_time}. */
  public static final Duration DEFAULT_MAX_EJECTION_TIME = Duration.ofSeconds(300);

  private final ClusterConfig.OutlierDetection config;
  private final HostSet hosts;
  private final LongSupplier nanoClock;
  private final long baseNanos;
  private final long maxNanos;
  private final long intervalNanos;
  private final LongAdder ejectionsEnforced = new LongAdder();
  private final LongAdder ejectionsOverflow = new LongAdder();
  private int ejectedNow; // guarded by this

  /** Detection with {@code config} over {@code hosts}, reading time from {@code nanoClock}. */
  public OutlierDetector(
      ClusterConfig.OutlierDetection config, HostSet hosts, LongSupplier nanoClock) {
    this.config = Objects.requireNonNull(config, "config");
    this.hosts = Objects.requireNonNull(hosts, "hosts");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.baseNanos = config.baseEjectionTime().toNanos();
    this.maxNanos = Math.max(baseNanos, DEFAULT_MAX_EJECTION_TIME.toNanos());
    this.intervalNanos = config.interval().toNanos();
    if (config.consecutive5xx() < 1) {
      throw new IllegalArgumentException("consecutive_5xx must be at least 1");
    }
  }

  /** How often {@link #onInterval()} must run. */
  public Duration interval() {
    return config.interval();
  }

  /** Records the HTTP status {@code host} answered with. */
  public void onResponse(Host host, int status) {
    if (status >= 500 && status <= 599) {
      on5xx(host);
    } else if (host.consecutive5xx.get() != 0) {
      host.consecutive5xx.set(0); // written only when needed: the success path stays read-only
    }
  }

  /** Records a connect failure, reset or timeout of a request to {@code host}: a 5xx. */
  public void onLocalOriginFailure(Host host) {
    on5xx(host);
  }

  private void on5xx(Host host) {
    if (host.consecutive5xx.incrementAndGet() >= config.consecutive5xx()) {
      maybeEject(host);
    }
  }

  private synchronized void maybeEject(Host host) {
    if (host.ejected() || host.consecutive5xx.get() < config.consecutive5xx()) {
      return; // another thread got here first
    }
    double percentAfter = 100.0 * (ejectedNow + 1) / hosts.all().size();
    // Like Envoy, start counting afresh either way, so a host is judged on a new run of errors.
    host.consecutive5xx.set(0);
    if (ejectedNow > 0 && percentAfter > config.maxEjectionPercent()) {
      ejectionsOverflow.increment();
      return;
    }
    long now = nanoClock.getAsLong();
    if (ejectionNanos(host.ejectionBackoff) < maxNanos) {
      host.ejectionBackoff++; // no higher than needed to reach the cap, so recovery is prompt
    }
    host.ejectedAtNanos = now;
    host.setEjected(true);
    ejectedNow++;
    ejectionsEnforced.increment();
    hosts.refresh();
  }

  /** The interval tick: returns hosts whose ejection time is over and relaxes multipliers. */
  public synchronized void onInterval() {
    long now = nanoClock.getAsLong();
    boolean changed = false;
    for (Host host : hosts.all()) {
      if (!host.ejected()) {
        if (host.unejectedAtNanos != Long.MIN_VALUE
            && now - host.unejectedAtNanos >= intervalNanos
            && host.ejectionBackoff > 0) {
          host.ejectionBackoff--;
        }
        continue;
      }
      if (now - host.ejectedAtNanos >= ejectionNanos(host.ejectionBackoff)) {
        host.setEjected(false);
        host.unejectedAtNanos = now;
        host.consecutive5xx.set(0);
        ejectedNow--;
        changed = true;
      }
    }
    if (changed) {
      hosts.refresh();
    }
  }

  /** How long a host ejected for the {@code backoff}-th time in a row stays out. */
  private long ejectionNanos(int backoff) {
    if (backoff > 0 && baseNanos > maxNanos / backoff) {
      return maxNanos;
    }
    return Math.min(baseNanos * backoff, maxNanos);
  }

  /** Ejections made so far ({@code ejections_enforced_total}). */
  public long ejectionsEnforced() {
    return ejectionsEnforced.sum();
  }

  /** Ejections refused by {@code max_ejection_percent} ({@code ejections_overflow}). */
  public long ejectionsOverflow() {
    return ejectionsOverflow.sum();
  }

  /** Hosts ejected now ({@code ejections_active}). */
  public synchronized int ejectionsActive() {
    return ejectedNow;
  }
}
