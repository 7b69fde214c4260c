package dev.rigging.proxy.route;

import java.util.Objects;

/**
 * A copy of each sampled request sent to {@code cluster}, reply discarded, as Envoy's {@code
 * RequestMirrorPolicy}.
 */
public record MirrorPolicy(String cluster, Percentage percentage) {

  public MirrorPolicy {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(percentage, "percentage");
  }
}
