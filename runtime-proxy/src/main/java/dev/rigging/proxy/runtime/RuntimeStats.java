package dev.rigging.proxy.runtime;

import dev.rigging.proxy.net.ProxyStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proxy's counters, named and labelled as {@code /stats} shows them in Prometheus text format.
 * The names are a contract: the GitOps agent's health gate reads {@code
 * rigging_downstream_rq_total{listener,code_class}} and {@code rigging_fault_aborts_total}.
 */
public final class RuntimeStats {
  private final Map<Key, LongAdder> counters = new ConcurrentHashMap<>();
  private final ProxyStats dataPath;

  private record Key(String name, List<String> labels) {}

  RuntimeStats(ProxyStats dataPath) {
    this.dataPath = dataPath;
  }

  void downstreamRequest(String listener, int code) {
    add("rigging_downstream_rq_total", "listener", listener, "code_class", codeClass(code));
  }

  void upstreamRequest(String cluster, int code) {
    add("rigging_upstream_rq_total", "cluster", cluster, "code", Integer.toString(code));
  }

  void circuitBreakerOverflow(String cluster) {
    add("rigging_upstream_rq_overflow_total", "cluster", cluster);
  }

  void retry(String cluster) {
    add("rigging_upstream_rq_retry_total", "cluster", cluster);
  }

  void retryOverflow(String cluster) {
    add("rigging_upstream_rq_retry_overflow_total", "cluster", cluster);
  }

  void outlierEjection(String cluster) {
    add("rigging_outlier_ejections_total", "cluster", cluster);
  }

  void faultDelay() {
    add("rigging_fault_delays_total");
  }

  void faultAbort() {
    add("rigging_fault_aborts_total");
  }

  void rbac(String listener, boolean allowed) {
    add(allowed ? "rigging_rbac_allowed_total" : "rigging_rbac_denied_total", "listener", listener);
  }

  void reload(boolean succeeded) {
    add("rigging_config_reloads_total", "result", succeeded ? "success" : "failure");
  }

  void accessLogDropped() {
    add("rigging_access_log_dropped_total");
  }

  /** The value of counter {@code name} with exactly these label pairs, 0 when never counted. */
  public long value(String name, String... labelPairs) {
    LongAdder adder = counters.get(new Key(name, List.of(labelPairs)));
    return adder == null ? 0 : adder.sum();
  }

  /** Every counter in Prometheus text exposition format, sorted by name and labels. */
  public String prometheusText() {
    Map<Key, Long> all = new java.util.TreeMap<>(RuntimeStats::compare);
    counters.forEach((key, adder) -> all.put(key, adder.sum()));
    all.put(new Key("rigging_downstream_bad_requests_total", List.of()), dataPath.badRequests());
    all.put(
        new Key("rigging_downstream_header_timeouts_total", List.of()), dataPath.headerTimeouts());
    all.put(new Key("rigging_upstream_cx_total", List.of()), dataPath.upstreamConnections());
    all.put(
        new Key("rigging_upstream_cx_connect_fail_total", List.of()), dataPath.connectFailures());
    all.put(new Key("rigging_upstream_rq_timeout_total", List.of()), dataPath.timeouts());
    all.put(new Key("rigging_upstream_rq_reset_total", List.of()), dataPath.upstreamResets());
    StringBuilder out = new StringBuilder();
    String lastName = "";
    for (Map.Entry<Key, Long> entry : all.entrySet()) {
      Key key = entry.getKey();
      if (!key.name().equals(lastName)) {
        out.append("# TYPE ").append(key.name()).append(" counter\n");
        lastName = key.name();
      }
      out.append(key.name());
      if (!key.labels().isEmpty()) {
        out.append('{');
        for (int i = 0; i < key.labels().size(); i += 2) {
          if (i > 0) {
            out.append(',');
          }
          out.append(key.labels().get(i))
              .append("=\"")
              .append(escape(key.labels().get(i + 1)))
              .append('"');
        }
        out.append('}');
      }
      out.append(' ').append(entry.getValue()).append('\n');
    }
    return out.toString();
  }

  private void add(String name, String... labelPairs) {
    counters.computeIfAbsent(new Key(name, List.of(labelPairs)), k -> new LongAdder()).increment();
  }

  private static String codeClass(int code) {
    return code <= 0 ? "none" : (code / 100) + "xx";
  }

  private static int compare(Key a, Key b) {
    int byName = a.name().compareTo(b.name());
    if (byName != 0) {
      return byName;
    }
    return String.join("\u0000", a.labels()).compareTo(String.join("\u0000", b.labels()));
  }

  /** Prometheus label-value escaping: backslash, double quote and newline. */
  private static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
