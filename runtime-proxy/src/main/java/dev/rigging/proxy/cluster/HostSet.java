package dev.rigging.proxy.cluster;

import dev.rigging.proxy.config.HostPort;
import java.util.ArrayList;
import java.util.List;

/**
 * The hosts of one cluster and the ones balancing may use: those not ejected, or all of them when
 * fewer than half are left (Envoy's panic mode at its default {@code healthy_panic_threshold} of
 * 50%, which prefers an overloaded host to no host). Thread-safe: the usable hosts are an immutable
 * snapshot replaced whenever an ejection changes.
 */
public final class HostSet {

  /** Envoy's default {@code healthy_panic_threshold}, in percent. */
  public static final int PANIC_THRESHOLD_PERCENT = 50;

  private final List<Host> hosts;
  private volatile Host[] usable;

  /** The hosts at {@code addresses}, in order, none ejected. */
  public static HostSet of(List<HostPort> addresses) {
    return new HostSet(addresses.stream().map(Host::new).toList());
  }

  public HostSet(List<Host> hosts) {
    this.hosts = List.copyOf(hosts);
    this.usable = this.hosts.toArray(Host[]::new);
  }

  /** Every host, in configuration order. */
  public List<Host> all() {
    return hosts;
  }

  /** The hosts balancing chooses among; never modify the array. */
  Host[] usable() {
    return usable;
  }

  /** Whether balancing ignores ejections because too few hosts are left. */
  public boolean panic() {
    int available = 0;
    for (Host host : hosts) {
      available += host.ejected() ? 0 : 1;
    }
    return isPanic(available);
  }

  private boolean isPanic(int available) {
    return !hosts.isEmpty() && available * 100 < hosts.size() * PANIC_THRESHOLD_PERCENT;
  }

  /** Recomputes the usable hosts after an ejection changed; called by the outlier detector. */
  void refresh() {
    List<Host> available = new ArrayList<>(hosts.size());
    for (Host host : hosts) {
      if (!host.ejected()) {
        available.add(host);
      }
    }
    usable =
        isPanic(available.size()) ? hosts.toArray(Host[]::new) : available.toArray(Host[]::new);
  }
}
