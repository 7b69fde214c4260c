package dev.rigging.proxy.cluster;

import dev.rigging.proxy.config.ClusterConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One cluster's circuit breakers at default priority, as Envoy's: a limit on each {@link Resource}
 * shared by every worker, acquired before use and released after, with a count of refusals.
 * Thread-safe and lock-free.
 */
public final class CircuitBreakers {

  /** What a breaker limits, with the Envoy statistic its overflows count into. */
  public enum Resource {
    /** Upstream connections ({@code upstream_cx_overflow}). */
    CONNECTIONS("upstream_cx_overflow"),
    /** Requests waiting for a connection ({@code upstream_rq_pending_overflow}). */
    PENDING_REQUESTS("upstream_rq_pending_overflow"),
    /** Requests in flight ({@code upstream_rq_pending_overflow}, as Envoy counts them). */
    REQUESTS("upstream_rq_pending_overflow"),
    /** Retries in flight ({@code upstream_rq_retry_overflow}). */
    RETRIES("upstream_rq_retry_overflow");

    private final String envoyStat;

    Resource(String envoyStat) {
      this.envoyStat = envoyStat;
    }

    /** The Envoy cluster statistic that counts this resource's overflows. */
    public String envoyStat() {
      return envoyStat;
    }
  }

  private final ClusterConfig.Thresholds thresholds;
  private final Map<Resource, Breaker> breakers = new EnumMap<>(Resource.class);

  /** Breakers with {@code thresholds} (see {@link ClusterConfig.Thresholds#ENVOY_DEFAULTS}). */
  public CircuitBreakers(ClusterConfig.Thresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    breakers.put(Resource.CONNECTIONS, new Breaker(thresholds.maxConnections()));
    breakers.put(Resource.PENDING_REQUESTS, new Breaker(thresholds.maxPendingRequests()));
    breakers.put(Resource.REQUESTS, new Breaker(thresholds.maxRequests()));
    breakers.put(Resource.RETRIES, new Breaker(thresholds.maxRetries()));
  }

  public ClusterConfig.Thresholds thresholds() {
    return thresholds;
  }

  /**
   * Takes one unit of {@code resource} if it is under its limit; otherwise counts an overflow and
   * returns false. Each true must be paired with one {@link #release}.
   */
  public boolean tryAcquire(Resource resource) {
    return breakers.get(resource).tryAcquire();
  }

  /** Gives back one unit of {@code resource} taken by {@link #tryAcquire}. */
  public void release(Resource resource) {
    breakers.get(resource).release();
  }

  /** Units of {@code resource} in use now. */
  public int inUse(Resource resource) {
    return breakers.get(resource).inUse.get();
  }

  /** The limit on {@code resource}. */
  public int limit(Resource resource) {
    return breakers.get(resource).limit;
  }

  /** Refused acquisitions of {@code resource} so far. */
  public long overflows(Resource resource) {
    return breakers.get(resource).overflows.sum();
  }

  /** Whether {@code resource} is at its limit (Envoy's {@code circuit_breakers.*.open} gauge). */
  public boolean open(Resource resource) {
    Breaker breaker = breakers.get(resource);
    return breaker.inUse.get() >= breaker.limit;
  }

  private static final class Breaker {
    final int limit;
    final AtomicInteger inUse = new AtomicInteger();
    final LongAdder overflows = new LongAdder();

    Breaker(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("negative circuit-breaker limit: " + limit);
      }
      this.limit = limit;
    }

    boolean tryAcquire() {
      for (int now = inUse.get(); now < limit; now = inUse.get()) {
        if (inUse.compareAndSet(now, now + 1)) {
          return true;
        }
      }
      overflows.increment();
      return false;
    }

    void release() {
      if (inUse.getAndDecrement() <= 0) {
        inUse.incrementAndGet();
        throw new IllegalStateException("circuit-breaker release without acquire");
      }
    }
  }
}
