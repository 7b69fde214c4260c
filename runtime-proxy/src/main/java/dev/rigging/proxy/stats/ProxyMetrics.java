package dev.rigging.proxy.stats;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The proxy's metric families and their Prometheus text rendering for the admin {@code /stats}.
 *
 * <p>Families are registered once; {@link #listener} and {@link #cluster} return handles that stay
 * valid across configuration reloads (a label set, once seen, keeps counting). Counters are
 * monotonic for the life of the process, as Prometheus expects. Thread-safe.
 *
 * <table>
 *   <caption>Families</caption>
 *   <tr><th>name</th><th>labels</th><th>counts</th></tr>
 *   <tr><td>{@code rigging_downstream_rq_total}</td><td>listener, code_class</td>
 *       <td>responses sent to clients, every cause included</td></tr>
 *   <tr><td>{@code rigging_fault_aborts_total}</td><td>listener, code_class</td>
 *       <td>those of them the fault filter made on purpose</td></tr>
 *   <tr><td>{@code rigging_fault_delays_total}</td><td>listener</td>
 *       <td>requests the fault filter delayed</td></tr>
 *   <tr><td>{@code rigging_rbac_allowed_total}, {@code rigging_rbac_denied_total}</td>
 *       <td>listener, filter</td><td>RBAC decisions by the deciding filter</td></tr>
 *   <tr><td>{@code rigging_upstream_rq_total}</td><td>cluster, code</td>
 *       <td>upstream responses by status</td></tr>
 *   <tr><td>{@code rigging_upstream_rq_retry_total}</td><td>cluster</td><td>retries sent</td></tr>
 *   <tr><td>{@code rigging_upstream_cb_overflow_total}</td><td>cluster, resource</td>
 *       <td>requests refused by a circuit breaker</td></tr>
 *   <tr><td>{@code rigging_outlier_ejections_total}</td><td>cluster</td>
 *       <td>hosts ejected by outlier detection</td></tr>
 *   <tr><td>{@code rigging_outlier_ejections_active}</td><td>cluster</td>
 *       <td>gauge: hosts ejected now</td></tr>
 * </table>
 *
 * <p>{@code listener} is the connection manager's {@code stat_prefix} (one per filter chain), as
 * Envoy names its {@code http.<stat_prefix>.*} statistics; {@code code_class} is {@code 1xx} to
 * {@code 5xx}, or {@code none} when the client got no response.
 */
public final class ProxyMetrics {

  /** The {@code Content-Type} of {@link #writeTo}'s output. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private static final PrometheusTextFormatWriter WRITER =
      PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();

  private final PrometheusRegistry registry = new PrometheusRegistry();
  final Counter downstreamRq;
  final Counter faultAborts;
  final Counter faultDelays;
  final Counter rbacAllowed;
  final Counter rbacDenied;
  final Counter upstreamRq;
  final Counter upstreamRetries;
  final Counter cbOverflow;
  final Counter ejections;
  final Gauge ejectionsActive;
  private final ConcurrentMap<String, ListenerStats> listeners = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ClusterStats> clusters = new ConcurrentHashMap<>();

  public ProxyMetrics() {
    downstreamRq =
        counter(
            "rigging_downstream_rq_total",
            "Responses sent to downstream clients, by listener and status class.",
            "listener",
            "code_class");
    faultAborts =
        counter(
            "rigging_fault_aborts_total",
            "Responses made by the fault filter's abort, by listener and status class.",
            "listener",
            "code_class");
    faultDelays =
        counter(
            "rigging_fault_delays_total",
            "Requests delayed by the fault filter, by listener.",
            "listener");
    rbacAllowed =
        counter(
            "rigging_rbac_allowed_total",
            "Requests allowed by RBAC, by listener and deciding filter.",
            "listener",
            "filter");
    rbacDenied =
        counter(
            "rigging_rbac_denied_total",
            "Requests denied by RBAC, by listener and denying filter.",
            "listener",
            "filter");
    upstreamRq =
        counter(
            "rigging_upstream_rq_total",
            "Responses received from upstream hosts, by cluster and status code.",
            "cluster",
            "code");
    upstreamRetries =
        counter("rigging_upstream_rq_retry_total", "Retries sent upstream, by cluster.", "cluster");
    cbOverflow =
        counter(
            "rigging_upstream_cb_overflow_total",
            "Requests refused by a circuit breaker, by cluster and limited resource.",
            "cluster",
            "resource");
    ejections =
        counter(
            "rigging_outlier_ejections_total",
            "Hosts ejected by outlier detection, by cluster.",
            "cluster");
    ejectionsActive =
        Gauge.builder()
            .name("rigging_outlier_ejections_active")
            .help("Hosts ejected by outlier detection now, by cluster.")
            .labelNames("cluster")
            .withoutExemplars()
            .register(registry);
  }

  private Counter counter(String name, String help, String... labels) {
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames(labels)
        .withoutExemplars()
        .register(registry);
  }

  /** The handle for the connection manager whose {@code stat_prefix} is {@code statPrefix}. */
  public ListenerStats listener(String statPrefix) {
    return listeners.computeIfAbsent(statPrefix, name -> new ListenerStats(this, name));
  }

  /** The handle for cluster {@code name}. */
  public ClusterStats cluster(String name) {
    return clusters.computeIfAbsent(name, n -> new ClusterStats(this, n));
  }

  /** Writes every metric in Prometheus text format 0.0.4, families and label sets sorted. */
  public void writeTo(OutputStream out) throws IOException {
    WRITER.write(out, registry.scrape());
  }

  /** {@link #writeTo}'s output as a string. */
  public String render() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@code 1xx} … {@code 5xx} for a status, {@code none} outside 100-599. */
  static String codeClass(int status) {
    return status >= 100 && status <= 599 ? (status / 100) + "xx" : "none";
  }
}
