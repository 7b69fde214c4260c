package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Duration;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.compiler.ir.TrafficPolicy;
import dev.rigging.compiler.ir.TrafficPolicy.LoadBalancer;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.diag.Suggest;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.Setting;
import dev.rigging.source.Span;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a {@code policy { ... }} block into a {@link TrafficPolicy}, laid over a base policy (the
 * service's, for a version). Every key is known here; an unknown key gets the nearest known one
 * suggested, a repeated key points at the first.
 */
final class PolicySettings {
  static final List<String> KEYS =
      List.of(
          "load_balancer",
          "connect_timeout",
          "max_connections",
          "max_pending_requests",
          "max_requests",
          "max_retries",
          "max_requests_per_connection",
          "outlier");
  static final List<String> OUTLIER_KEYS =
      List.of("consecutive_5xx", "interval", "ejection_time", "max_ejected");
  private static final List<String> BALANCERS =
      Arrays.stream(LoadBalancer.values()).map(LoadBalancer::keyword).toList();
  private static final int MAX_LIMIT = Integer.MAX_VALUE;

  /** Envoy's outlier-detection defaults, used for keys the block leaves out. */
  private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10_000);

  private static final Duration DEFAULT_EJECTION = Duration.ofMillis(30_000);
  private static final Percent DEFAULT_MAX_EJECTED = Percent.ofWhole(10);

  private final Diagnostics diagnostics;
  private final Values values;

  PolicySettings(Diagnostics diagnostics, Values values) {
    this.diagnostics = diagnostics;
    this.values = values;
  }

  /** Returns the default policy: round robin, Envoy's default thresholds, no outlier detection. */
  static TrafficPolicy defaults(Span span) {
    return new TrafficPolicy(
        LoadBalancer.ROUND_ROBIN,
        Optional.empty(),
        TrafficPolicy.Limits.NONE,
        Optional.empty(),
        span);
  }

  /** Returns {@code base} with the block's settings applied. */
  TrafficPolicy apply(TrafficPolicy base, List<Setting> settings, Span blockSpan) {
    LoadBalancer lb = base.loadBalancer();
    Optional<Duration> connectTimeout = base.connectTimeout();
    TrafficPolicy.Limits l = base.limits();
    OptionalInt maxConnections = l.maxConnections();
    OptionalInt maxPending = l.maxPendingRequests();
    OptionalInt maxRequests = l.maxRequests();
    OptionalInt maxRetries = l.maxRetries();
    OptionalInt perConnection = l.maxRequestsPerConnection();
    Optional<TrafficPolicy.OutlierDetection> outlier = base.outlier();

    for (Setting setting : unique(settings, KEYS, "traffic policy setting")) {
      String key = setting.key().text();
      if (key.equals("outlier")) {
        outlier = outlier(setting, outlier);
        continue;
      }
      Optional<Literal> value = scalar(setting);
      if (value.isEmpty()) {
        continue;
      }
      Literal v = value.get();
      switch (key) {
        case "load_balancer" ->
            lb =
                values
                    .oneOf(v, BALANCERS, Code.UNKNOWN_VALUE, "load balancer")
                    .map(s -> LoadBalancer.valueOf(s.toUpperCase(java.util.Locale.ROOT)))
                    .orElse(lb);
        case "connect_timeout" ->
            connectTimeout = values.positiveDuration(v).or(() -> base.connectTimeout());
        case "max_connections" ->
            maxConnections = or(values.integer(v, 1, MAX_LIMIT, key), maxConnections);
        case "max_pending_requests" ->
            maxPending = or(values.integer(v, 1, MAX_LIMIT, key), maxPending);
        case "max_requests" -> maxRequests = or(values.integer(v, 1, MAX_LIMIT, key), maxRequests);
        case "max_retries" -> maxRetries = or(values.integer(v, 0, MAX_LIMIT, key), maxRetries);
        case "max_requests_per_connection" ->
            perConnection = or(values.integer(v, 1, MAX_LIMIT, key), perConnection);
        default -> throw new IllegalStateException("key list and switch disagree: " + key);
      }
    }
    return new TrafficPolicy(
        lb,
        connectTimeout,
        new TrafficPolicy.Limits(
            maxConnections, maxPending, maxRequests, maxRetries, perConnection),
        outlier,
        blockSpan);
  }

  private Optional<TrafficPolicy.OutlierDetection> outlier(
      Setting setting, Optional<TrafficPolicy.OutlierDetection> base) {
    if (!(setting instanceof Setting.Block block)) {
      diagnostics.add(
          Diagnostic.error(
                  Code.WRONG_VALUE_KIND, setting.span(), "`outlier` takes a block of settings")
              .label("expected `{`")
              .help(
                  "write `outlier { consecutive_5xx 5 interval 10s ejection_time 30s max_ejected"
                      + " 10% }`"));
      return base;
    }
    OptionalInt consecutive =
        base.map(o -> OptionalInt.of(o.consecutive5xx())).orElse(OptionalInt.empty());
    Duration interval = base.map(TrafficPolicy.OutlierDetection::interval).orElse(DEFAULT_INTERVAL);
    Duration ejection =
        base.map(TrafficPolicy.OutlierDetection::baseEjectionTime).orElse(DEFAULT_EJECTION);
    Percent maxEjected =
        base.map(TrafficPolicy.OutlierDetection::maxEjected).orElse(DEFAULT_MAX_EJECTED);
    for (Setting s : unique(block.settings(), OUTLIER_KEYS, "outlier setting")) {
      Optional<Literal> value = scalar(s);
      if (value.isEmpty()) {
        continue;
      }
      Literal v = value.get();
      switch (s.key().text()) {
        case "consecutive_5xx" ->
            consecutive = or(values.integer(v, 1, MAX_LIMIT, "consecutive_5xx"), consecutive);
        case "interval" -> interval = values.positiveDuration(v).orElse(interval);
        case "ejection_time" -> ejection = values.positiveDuration(v).orElse(ejection);
        case "max_ejected" -> maxEjected = values.percent(v).orElse(maxEjected);
        default ->
            throw new IllegalStateException("key list and switch disagree: " + s.key().text());
      }
    }
    // A misspelt key (Istio's `consecutive_5xx_errors`) is already reported with a suggestion;
    // saying "needs consecutive_5xx" as well would report one mistake twice.
    boolean misspelt =
        block.settings().stream().anyMatch(s -> !OUTLIER_KEYS.contains(s.key().text()));
    if (consecutive.isEmpty() && misspelt) {
      return base;
    }
    if (consecutive.isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
                  Code.WRONG_VALUE_KIND, block.key().span(), "`outlier` needs `consecutive_5xx`")
              .label("how many 5xx answers in a row eject an instance?")
              .help("add `consecutive_5xx 5` (or the count you want)"));
      return base;
    }
    return Optional.of(
        new TrafficPolicy.OutlierDetection(consecutive.getAsInt(), interval, ejection, maxEjected));
  }

  /** Returns the settings whose key is known and not repeated; reports the others. */
  private List<Setting> unique(List<Setting> settings, List<String> known, String what) {
    Map<String, Setting> seen = new HashMap<>();
    List<Setting> out = new java.util.ArrayList<>();
    for (Setting s : settings) {
      String key = s.key().text();
      if (!known.contains(key)) {
        diagnostics.add(
            Diagnostic.error(
                    Code.UNKNOWN_SETTING, s.key().span(), "unknown " + what + " `" + key + "`")
                .label("not a known setting")
                .suggest(Suggest.nearest(key, known))
                .help(
                    "known settings: "
                        + String.join(", ", known.stream().map(k -> "`" + k + "`").toList())));
        continue;
      }
      Setting first = seen.putIfAbsent(key, s);
      if (first != null) {
        diagnostics.add(
            Diagnostic.error(Code.DUPLICATE_ENTRY, s.key().span(), "`" + key + "` is set twice")
                .label("set again here")
                .secondary(first.key().span(), "first set here")
                .help("keep one; Rigging does not pick between two values"));
        continue;
      }
      out.add(s);
    }
    return out;
  }

  private Optional<Literal> scalar(Setting setting) {
    if (setting instanceof Setting.Value v) {
      return Optional.of(v.value());
    }
    diagnostics.add(
        Diagnostic.error(
                Code.WRONG_VALUE_KIND,
                setting.span(),
                "`" + setting.key().text() + "` takes a value, not a block")
            .label("expected a value"));
    return Optional.empty();
  }

  private static OptionalInt or(OptionalInt value, OptionalInt fallback) {
    return value.isPresent() ? value : fallback;
  }
}
