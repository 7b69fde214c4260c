package dev.rigging.proxy.runtime;

import dev.rigging.proxy.net.ProxyStats;
import dev.rigging.proxy.stats.ClusterStats;
import dev.rigging.proxy.stats.ListenerStats;
import dev.rigging.proxy.stats.ProxyMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything {@code /stats} shows: the traffic metrics of {@link ProxyMetrics} (whose names are the
 * GitOps agent's contract, {@code rigging_downstream_rq_total{listener,code_class}} and {@code
 * rigging_fault_aborts_total} among them), then the runtime's own counters (reloads, the data
 * path's refusals and failures).
 */
public final class RuntimeStats {
  private final ProxyMetrics metrics = new ProxyMetrics();
  private final ProxyStats dataPath;
  private final LongAdder reloadsApplied = new LongAdder();
  private final LongAdder reloadsRefused = new LongAdder();
  private final LongAdder accessLogDropped = new LongAdder();

  RuntimeStats(ProxyStats dataPath) {
    this.dataPath = dataPath;
  }

  /** The counters of the connection manager whose {@code stat_prefix} is {@code statPrefix}. */
  ListenerStats listener(String statPrefix) {
    return metrics.listener(statPrefix);
  }

  /** The counters of cluster {@code name}. */
  ClusterStats cluster(String name) {
    return metrics.cluster(name);
  }

  void reload(boolean applied) {
    (applied ? reloadsApplied : reloadsRefused).increment();
  }

  void accessLogDropped() {
    accessLogDropped.increment();
  }

  /**
   * The value of the sample {@code name{labels}} as {@code /stats} shows it (labels in name order),
   * 0 when absent.
   */
  public double value(String name, String... labelPairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    StringBuilder sample = new StringBuilder(name);
    if (!labels.isEmpty()) {
      sample.append('{');
      labels.forEach((k, v) -> sample.append(k).append("=\"").append(v).append("\","));
      sample.setLength(sample.length() - 1);
      sample.append('}');
    }
    String prefix = sample + " ";
    for (String line : prometheusText().split("\n")) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(prefix.length()).trim());
      }
    }
    return 0;
  }

  /** The sum over every label set of counter {@code name}. */
  public double sum(String name) {
    double total = 0;
    for (String line : prometheusText().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** Every metric in Prometheus text format 0.0.4. */
  public String prometheusText() {
    StringBuilder out = new StringBuilder(metrics.render());
    Map<String, Long> own = new LinkedHashMap<>();
    own.put("rigging_config_reloads_total{result=\"applied\"}", reloadsApplied.sum());
    own.put("rigging_config_reloads_total{result=\"refused\"}", reloadsRefused.sum());
    counter(out, "rigging_config_reloads_total", "Configuration reloads, by outcome.", own);
    single(
        out,
        "rigging_access_log_dropped_total",
        "Access-log lines dropped.",
        accessLogDropped.sum());
    single(
        out,
        "rigging_downstream_rq_rejected_total",
        "Requests refused as malformed (400, 414, 431).",
        dataPath.badRequests());
    single(
        out,
        "rigging_downstream_header_timeout_total",
        "Connections closed for not sending a request head in time.",
        dataPath.headerTimeouts());
    single(
        out,
        "rigging_upstream_cx_total",
        "Upstream connections opened.",
        dataPath.upstreamConnections());
    single(
        out,
        "rigging_upstream_cx_connect_fail_total",
        "Upstream connections that could not be made.",
        dataPath.connectFailures());
    single(
        out, "rigging_upstream_rq_timeout_total", "Attempts that timed out.", dataPath.timeouts());
    single(
        out,
        "rigging_upstream_rq_reset_total",
        "Upstream connections lost during a request.",
        dataPath.upstreamResets());
    single(
        out,
        "rigging_upstream_rq_stale_resend_total",
        "Idempotent requests resent after a pooled connection the upstream had closed as idle.",
        dataPath.staleConnectionResends());
    return out.toString();
  }

  private static void single(StringBuilder out, String name, String help, long value) {
    counter(out, name, help, Map.of(name, value));
  }

  private static void counter(
      StringBuilder out, String name, String help, Map<String, Long> samples) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    samples.forEach((sample, value) -> out.append(sample).append(' ').append(value).append(".0\n"));
  }
}
