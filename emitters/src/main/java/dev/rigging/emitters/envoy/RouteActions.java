package dev.rigging.emitters.envoy;

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

  static void forward(CompactJson out, RouteAction.Forward forward) {
    out.beginObject();
    var targets = forward.targets();
    if (targets.size() == 1) {
      out.field("cluster", Names.outboundCluster(targets.get(0).target()));
    } else {
      weightedClusters(out.name("weighted_clusters"), forward);
    }
    forward
        .rewrite()
        .ifPresent(
            rewrite -> {
              rewrite.prefix().ifPresent(prefix -> out.field("prefix_rewrite", prefix));
              rewrite
                  .regex()
                  .ifPresent(
                      regex -> {
                        out.name("regex_rewrite").beginObject().name("pattern");
                        HeaderMatchers.regex(out, regex.pattern());
                        out.field("substitution", regex.substitution()).endObject();
                      });
              rewrite.host().ifPresent(host -> out.field("host_rewrite_literal", host));
            });
    out.field(
        "timeout", forward.timeout().map(d -> d.toProtoJson()).orElse(RouteBuilder.NO_TIMEOUT));
    forward.retry().ifPresent(retry -> retryPolicy(out.name("retry_policy"), retry));
    forward
        .mirror()
        .ifPresent(
            mirror -> {
              out.name("request_mirror_policies").beginArray().beginObject();
              out.field("cluster", Names.outboundCluster(mirror.target()));
              out.name("runtime_fraction").beginObject().name("default_value");
              Fractions.fractionalPercent(out, mirror.percent());
              out.endObject().endObject().endArray();
            });
    out.endObject();
  }

  /** Integer weights in the exact ratios of the split (see {@link Fractions#weightUnit}). */
  private static void weightedClusters(CompactJson out, RouteAction.Forward forward) {
    var weights = new ArrayList<Percent>();
    forward.targets().forEach(w -> weights.add(w.weight()));
    int unit = Fractions.weightUnit(weights);
    out.beginObject().name("clusters").beginArray();
    for (var weighted : forward.targets()) {
      out.beginObject()
          .field("name", Names.outboundCluster(weighted.target()))
          .field("weight", weighted.weight().ppm() / unit)
          .endObject();
    }
    out.endArray().endObject();
  }

  private static void retryPolicy(CompactJson out, RouteAction.Retry retry) {
    out.beginObject();
    var conditions = new ArrayList<>(retry.retryOn());
    // Envoy only looks at retriable_status_codes when this condition is on.
    if (!retry.retriableStatusCodes().isEmpty() && !conditions.contains("retriable-status-codes")) {
      conditions.add("retriable-status-codes");
    }
    if (!conditions.isEmpty()) {
      out.field("retry_on", String.join(",", conditions));
    }
    out.field("num_retries", retry.attempts());
    retry.perTryTimeout().ifPresent(d -> out.field("per_try_timeout", d.toProtoJson()));
    if (!retry.retriableStatusCodes().isEmpty()) {
      out.name("retriable_status_codes").beginArray();
      retry.retriableStatusCodes().forEach(code -> out.value(code));
      out.endArray();
    }
    if (retry.backoffBase().isPresent() || retry.backoffMax().isPresent()) {
      out.name("retry_back_off").beginObject();
      out.field(
          "base_interval",
          retry.backoffBase().map(d -> d.toProtoJson()).orElse(DEFAULT_BACKOFF_BASE));
      retry.backoffMax().ifPresent(d -> out.field("max_interval", d.toProtoJson()));
      out.endObject();
    }
    out.endObject();
  }

  static void redirect(CompactJson out, RouteAction.Redirect redirect) {
    out.beginObject();
    redirect.scheme().ifPresent(scheme -> out.field("scheme_redirect", scheme));
    redirect.host().ifPresent(host -> out.field("host_redirect", host));
    redirect.port().ifPresent(port -> out.field("port_redirect", port));
    redirect.path().ifPresent(path -> out.field("path_redirect", path));
    redirect.prefix().ifPresent(prefix -> out.field("prefix_rewrite", prefix));
    out.field("response_code", redirectCode(redirect.code()));
    if (redirect.stripQuery()) {
      out.field("strip_query", true);
    }
    out.endObject();
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

  static void respond(CompactJson out, RouteAction.Respond respond) {
    out.beginObject().field("status", respond.status());
    respond.body().ifPresent(body -> out.name("body").single("inline_string", body));
    out.endObject();
  }
}
