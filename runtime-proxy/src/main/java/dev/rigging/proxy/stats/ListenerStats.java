package dev.rigging.proxy.stats;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The counters of one connection manager, bound to its label values once. Thread-safe. */
public final class ListenerStats {

  private static final int CLASSES = 6; // none, 1xx … 5xx

  private final ProxyMetrics metrics;
  private final String listener;
  private final CounterDataPoint[] responses = new CounterDataPoint[CLASSES];
  private final CounterDataPoint[] aborts = new CounterDataPoint[CLASSES];
  private final CounterDataPoint delays;
  private final ConcurrentMap<String, CounterDataPoint> allowed = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CounterDataPoint> denied = new ConcurrentHashMap<>();

  ListenerStats(ProxyMetrics metrics, String listener) {
    this.metrics = metrics;
    this.listener = listener;
    for (int i = 0; i < CLASSES; i++) {
      String codeClass = i == 0 ? "none" : i + "xx";
      responses[i] = metrics.downstreamRq.labelValues(listener, codeClass);
      aborts[i] = metrics.faultAborts.labelValues(listener, codeClass);
    }
    delays = metrics.faultDelays.labelValues(listener);
  }

  private static int classIndex(int status) {
    return status >= 100 && status <= 599 ? status / 100 : 0;
  }

  /** Counts a response sent to a client with {@code status} (0 when none was sent). */
  public void downstreamResponse(int status) {
    responses[classIndex(status)].inc();
  }

  /** Counts a fault-filter abort answered with {@code status}; count its response as well. */
  public void faultAbort(int status) {
    aborts[classIndex(status)].inc();
  }

  /** Counts a request the fault filter delayed. */
  public void faultDelay() {
    delays.inc();
  }

  /** Counts an RBAC decision made by filter {@code filter} ("" when there is no RBAC filter). */
  public void rbac(boolean allowedRequest, String filter) {
    ConcurrentMap<String, CounterDataPoint> byFilter = allowedRequest ? allowed : denied;
    CounterDataPoint point = byFilter.get(filter);
    if (point == null) {
      point =
          byFilter.computeIfAbsent(
              filter,
              f ->
                  (allowedRequest ? metrics.rbacAllowed : metrics.rbacDenied)
                      .labelValues(listener, f));
    }
    point.inc();
  }
}
