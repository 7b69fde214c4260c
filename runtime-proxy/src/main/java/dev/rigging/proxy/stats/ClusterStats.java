package dev.rigging.proxy.stats;

import dev.rigging.proxy.cluster.CircuitBreakers;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The counters of one upstream cluster, bound to its label values once. Thread-safe. */
public final class ClusterStats {

  private final ProxyMetrics metrics;
  private final String cluster;
  // Index = status code; bound on first use, since a cluster sees a handful of the 500 codes.
  private final AtomicReferenceArray<CounterDataPoint> byCode = new AtomicReferenceArray<>(600);
  private final CounterDataPoint retries;
  private final CounterDataPoint ejections;
  private final GaugeDataPoint ejectionsActive;
  private final Map<CircuitBreakers.Resource, CounterDataPoint> overflows =
      new EnumMap<>(CircuitBreakers.Resource.class);

  ClusterStats(ProxyMetrics metrics, String cluster) {
    this.metrics = metrics;
    this.cluster = cluster;
    retries = metrics.upstreamRetries.labelValues(cluster);
    ejections = metrics.ejections.labelValues(cluster);
    ejectionsActive = metrics.ejectionsActive.labelValues(cluster);
    for (CircuitBreakers.Resource resource : CircuitBreakers.Resource.values()) {
      overflows.put(
          resource,
          metrics.cbOverflow.labelValues(cluster, resource.name().toLowerCase(Locale.ROOT)));
    }
  }

  /**
   * Counts an upstream response with {@code status}.
   *
   * @throws IllegalArgumentException if {@code status} is not an HTTP status (100-599)
   */
  public void upstreamResponse(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    CounterDataPoint point = byCode.get(status);
    if (point == null) {
      point = metrics.upstreamRq.labelValues(cluster, Integer.toString(status));
      byCode.compareAndSet(status, null, point); // the library returns the same point anyway
    }
    point.inc();
  }

  /** Counts a retry sent. */
  public void retry() {
    retries.inc();
  }

  /** Counts a request refused because {@code resource} was at its limit. */
  public void overflow(CircuitBreakers.Resource resource) {
    overflows.get(resource).inc();
  }

  /** Counts an ejection. */
  public void ejection() {
    ejections.inc();
  }

  /** Sets the number of hosts ejected now. */
  public void ejectionsActive(int hosts) {
    ejectionsActive.set(hosts);
  }
}
