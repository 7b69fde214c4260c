package dev.rigging.diff;

import static dev.rigging.diff.IrText.code;

import dev.rigging.compiler.ir.TrafficPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Compares two traffic policies setting by setting, named as in a {@code policy} block: load
 * balancer, connect timeout, circuit-breaker limits and outlier detection.
 */
final class PolicyDiff {
  private PolicyDiff() {}

  /** Returns one line per changed setting, e.g. {@code `max_connections`: none → `1`}. */
  static List<String> lines(TrafficPolicy a, TrafficPolicy b) {
    List<String> lines = new ArrayList<>();
    setting(lines, "load_balancer", a.loadBalancer().keyword(), b.loadBalancer().keyword());
    setting(
        lines,
        "connect_timeout",
        IrText.orNone(a.connectTimeout()),
        IrText.orNone(b.connectTimeout()));
    TrafficPolicy.Limits x = a.limits();
    TrafficPolicy.Limits y = b.limits();
    setting(lines, "max_connections", text(x.maxConnections()), text(y.maxConnections()));
    setting(
        lines, "max_pending_requests", text(x.maxPendingRequests()), text(y.maxPendingRequests()));
    setting(lines, "max_requests", text(x.maxRequests()), text(y.maxRequests()));
    setting(lines, "max_retries", text(x.maxRetries()), text(y.maxRetries()));
    setting(
        lines,
        "max_requests_per_connection",
        text(x.maxRequestsPerConnection()),
        text(y.maxRequestsPerConnection()));
    outlier(lines, a.outlier(), b.outlier());
    return lines;
  }

  private static void outlier(
      List<String> lines,
      Optional<TrafficPolicy.OutlierDetection> a,
      Optional<TrafficPolicy.OutlierDetection> b) {
    if (a.equals(b)) {
      return;
    }
    if (a.isEmpty() || b.isEmpty()) {
      lines.add("outlier detection: " + outlierText(a) + " → " + outlierText(b));
      return;
    }
    var x = a.get();
    var y = b.get();
    setting(lines, "outlier consecutive_5xx", "" + x.consecutive5xx(), "" + y.consecutive5xx());
    setting(lines, "outlier interval", x.interval().toString(), y.interval().toString());
    setting(
        lines,
        "outlier ejection_time",
        x.baseEjectionTime().toString(),
        y.baseEjectionTime().toString());
    setting(lines, "outlier max_ejected", x.maxEjected().toString(), y.maxEjected().toString());
  }

  private static String outlierText(Optional<TrafficPolicy.OutlierDetection> o) {
    return o.map(
            x ->
                code(
                    "consecutive_5xx "
                        + x.consecutive5xx()
                        + " interval "
                        + x.interval()
                        + " ejection_time "
                        + x.baseEjectionTime()
                        + " max_ejected "
                        + x.maxEjected()))
        .orElse("none");
  }

  private static void setting(List<String> lines, String name, String was, String now) {
    if (!was.equals(now)) {
      lines.add(code(name) + ": " + shown(was) + " → " + shown(now));
    }
  }

  private static String shown(String value) {
    return value.equals("none") ? "none" : code(value);
  }

  private static String text(OptionalInt value) {
    return value.isPresent() ? String.valueOf(value.getAsInt()) : "none";
  }
}
