package dev.rigging.proxy.route;

import java.util.List;
import java.util.Objects;

/** Where a forwarding route sends a request: one cluster, or clusters chosen by weight. */
public sealed interface ClusterChoice {

  /** The cluster for this request, given a uniformly random {@code random}. */
  String pick(long random);

  /** Always the same cluster. */
  record Single(String cluster) implements ClusterChoice {
    public Single {
      Objects.requireNonNull(cluster, "cluster");
    }

    @Override
    public String pick(long random) {
      return cluster;
    }
  }

  /** One named cluster and its weight in a split. */
  record WeightedCluster(String name, int weight) {
    public WeightedCluster {
      Objects.requireNonNull(name, "name");
      if (weight < 0) {
        throw new IllegalArgumentException("negative weight for " + name);
      }
    }
  }

  /**
   * A split: as Envoy, {@code random % total} falls into the clusters' cumulative weight ranges in
   * their listed order, so zero-weight clusters are never picked.
   */
  record Weighted(List<WeightedCluster> clusters) implements ClusterChoice {
    public Weighted {
      clusters = List.copyOf(clusters);
      long total = clusters.stream().mapToLong(WeightedCluster::weight).sum();
      if (total <= 0) {
        throw new IllegalArgumentException("weighted clusters need a positive total weight");
      }
    }

    public long totalWeight() {
      long total = 0; // a loop, not a stream: this runs for every request the split routes
      for (WeightedCluster cluster : clusters) {
        total += cluster.weight();
      }
      return total;
    }

    @Override
    public String pick(long random) {
      long point = Long.remainderUnsigned(random, totalWeight());
      long end = 0;
      for (WeightedCluster cluster : clusters) {
        end += cluster.weight();
        if (point < end) {
          return cluster.name();
        }
      }
      throw new AssertionError("point " + point + " beyond total weight");
    }
  }
}
