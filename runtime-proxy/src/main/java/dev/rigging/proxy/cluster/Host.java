package dev.rigging.proxy.cluster;

import dev.rigging.proxy.config.HostPort;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One endpoint of a cluster with the live state that balancing and outlier detection read: its
 * requests in flight and whether it is ejected. Thread-safe.
 */
public final class Host {

  private final HostPort address;
  private final AtomicInteger activeRequests = new AtomicInteger();
  final AtomicInteger consecutive5xx = new AtomicInteger();
  private volatile boolean ejected;

  // Outlier state, guarded by the OutlierDetector's lock.
  long ejectedAtNanos;
  long unejectedAtNanos = Long.MIN_VALUE; // MIN_VALUE: never ejected
  int ejectionBackoff;

  public Host(HostPort address) {
    this.address = Objects.requireNonNull(address, "address");
  }

  public HostPort address() {
    return address;
  }

  /** Requests sent to this host and not yet finished. */
  public int activeRequests() {
    return activeRequests.get();
  }

  /** Records a request sent to this host; pair with {@link #requestFinished()}. */
  public void requestStarted() {
    activeRequests.incrementAndGet();
  }

  /** Records the end (any end) of a request sent to this host. */
  public void requestFinished() {
    activeRequests.decrementAndGet();
  }

  /** Whether outlier detection has taken this host out of balancing. */
  public boolean ejected() {
    return ejected;
  }

  void setEjected(boolean ejected) {
    this.ejected = ejected;
  }

  @Override
  public String toString() {
    return address + (ejected ? " (ejected)" : "");
  }
}
