package dev.rigging.proxy.net;

import java.util.Objects;

/** A cluster that receives a fire-and-forget copy of the request; its reply is discarded. */
public record MirrorTarget(UpstreamCluster cluster) {
  public MirrorTarget {
    Objects.requireNonNull(cluster, "cluster");
  }
}
