package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.compiler.ir.RouteAction;
import java.util.ArrayList;

/**
 * The three things a route can do: {@code RouteAction}, {@code RedirectAction}, direct response.
 */
final class RouteActions {
  private RouteActions() {}

  /** Backoff base Envoy uses when none is given; required once a backoff block is present. */
  private static final String DEFAULT_BACKOFF_BASE = "0.025s";

  static ObjectNode forward(RouteAction.Forward forward) {
    var action = Json.object();
    var targets = forward.targets();
    if (targets.size() == 1) {
      action.put("cluster", Names.outboundCluster(targets.get(0).target()));
    } else {
      action.set("weighted_clusters", weightedClusters(forward));
    }
    forward
        .rewrite()
        .ifPresent(
            rewrite -> {
              rewrite.prefix().ifPresent(prefix -> action.put("prefix_rewrite", prefix));
              rewrite
                  .regex()
                  .ifPresent(
                      regex -> {
                        var node = Json.single("pattern", HeaderMatchers.regex(regex.pattern()));
                        node.put("substitution", regex.substitution());
                        action.set("regex_rewrite", node);
                      });
              rewrite.host().ifPresent(host -> action.put("host_rewrite_literal", host));
            });
    action.put(
        "timeout", forward.timeout().map(d -> d.toProtoJson()).orElse(RouteBuilder.NO_TIMEOUT));
    forward.retry().ifPresent(retry -> action.set("retry_policy", retryPolicy(retry)));
    forward
        .mirror()
        .ifPresent(
            mirror -> {
              var policy = Json.object().put("cluster", Names.outboundCluster(mirror.target()));
              policy.set(
                  "runtime_fraction",
                  Json.single("default_value", Fractions.fractionalPercent(mirror.percent())));
              action.set("request_mirror_policies", Json.arrayOf(policy));
            });
    return action;
  }

  /** Integer weights in the exact ratios of the split (see {@link Fractions#weightUnit}). */
  private static ObjectNode weightedClusters(RouteAction.Forward forward) {
    var weights = new ArrayList<Percent>();
    forward.targets().forEach(w -> weights.add(w.weight()));
    int unit = Fractions.weightUnit(weights);
    var clusters = Json.array();
    for (var weighted : forward.targets()) {
      clusters.add(
          Json.object()
              .put("name", Names.outboundCluster(weighted.target()))
              .put("weight", weighted.weight().ppm() / unit));
    }
    return Json.single("clusters", clusters);
  }

  private static ObjectNode retryPolicy(RouteAction.Retry retry) {
    var policy = Json.object();
    var conditions = new ArrayList<>(retry.retryOn());
    // Envoy only looks at retriable_status_codes when this condition is on.
    if (!retry.retriableStatusCodes().isEmpty() && !conditions.contains("retriable-status-codes")) {
      conditions.add("retriable-status-codes");
    }
    if (!conditions.isEmpty()) {
      policy.put("retry_on", String.join(",", conditions));
    }
    policy.put("num_retries", retry.attempts());
    retry.perTryTimeout().ifPresent(d -> policy.put("per_try_timeout", d.toProtoJson()));
    if (!retry.retriableStatusCodes().isEmpty()) {
      var codes = Json.array();
      retry.retriableStatusCodes().forEach(codes::add);
      policy.set("retriable_status_codes", codes);
    }
    if (retry.backoffBase().isPresent() || retry.backoffMax().isPresent()) {
      var backoff =
          Json.object()
              .put(
                  "base_interval",
                  retry.backoffBase().map(d -> d.toProtoJson()).orElse(DEFAULT_BACKOFF_BASE));
      retry.backoffMax().ifPresent(d -> backoff.put("max_interval", d.toProtoJson()));
      policy.set("retry_back_off", backoff);
    }
    return policy;
  }

  static ObjectNode redirect(RouteAction.Redirect redirect) {
    var node = Json.object();
    redirect.scheme().ifPresent(scheme -> node.put("scheme_redirect", scheme));
    redirect.host().ifPresent(host -> node.put("host_redirect", host));
    redirect.port().ifPresent(port -> node.put("port_redirect", port));
    redirect.path().ifPresent(path -> node.put("path_redirect", path));
    redirect.prefix().ifPresent(prefix -> node.put("prefix_rewrite", prefix));
    node.put("response_code", redirectCode(redirect.code()));
    if (redirect.stripQuery()) {
      node.put("strip_query", true);
    }
    return node;
  }

  /** Envoy names the redirect codes it supports; the checker admits only these. */
  static String redirectCode(int code) {
    return switch (code) {
      case 301 -> "MOVED_PERMANENTLY";
      case 302 -> "FOUND";
      case 303 -> "SEE_OTHER";
      case 307 -> "TEMPORARY_REDIRECT";
      case 308 -> "PERMANENT_REDIRECT";
      default -> throw new IllegalArgumentException("Envoy cannot redirect with " + code);
    };
  }

  static ObjectNode respond(RouteAction.Respond respond) {
    var node = Json.object().put("status", respond.status());
    respond.body().ifPresent(body -> node.set("body", Json.single("inline_string", body)));
    return node;
  }
}
