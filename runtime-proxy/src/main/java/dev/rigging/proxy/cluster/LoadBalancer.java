package dev.rigging.proxy.cluster;

import dev.rigging.proxy.config.ClusterConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Chooses the host for a request among a {@link HostSet}'s usable hosts, as Envoy's load balancers
 * with equal weights. Thread-safe; choosing does not allocate beyond the returned {@link Optional}.
 */
public sealed interface LoadBalancer
    permits LoadBalancer.RoundRobin, LoadBalancer.LeastRequest, LoadBalancer.Random {

  /** The host for the next request; empty when the cluster has no hosts. */
  Optional<Host> choose();

  /** The balancer {@code policy} names over {@code hosts}, drawing from {@code random}. */
  static LoadBalancer of(ClusterConfig.LbPolicy policy, HostSet hosts, LongSupplier random) {
    return switch (policy) {
      case ROUND_ROBIN -> new RoundRobin(hosts);
      case LEAST_REQUEST -> new LeastRequest(hosts, random);
      case RANDOM -> new Random(hosts, random);
    };
  }

  /** Each usable host in turn. */
  final class RoundRobin implements LoadBalancer {
    private final HostSet hosts;
    private final AtomicLong next = new AtomicLong();

    public RoundRobin(HostSet hosts) {
      this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    @Override
    public Optional<Host> choose() {
      Host[] usable = hosts.usable();
      if (usable.length == 0) {
        return Optional.empty();
      }
      return Optional.of(
          usable[(int) Long.remainderUnsigned(next.getAndIncrement(), usable.length)]);
    }
  }

  /**
   * Envoy's unweighted least request: the less busy of two hosts drawn at random ("power of two
   * choices", {@code choice_count} 2), which avoids herding onto one idle host.
   */
  final class LeastRequest implements LoadBalancer {
    private final HostSet hosts;
    private final LongSupplier random;

    public LeastRequest(HostSet hosts, LongSupplier random) {
      this.hosts = Objects.requireNonNull(hosts, "hosts");
      this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Optional<Host> choose() {
      Host[] usable = hosts.usable();
      if (usable.length == 0) {
        return Optional.empty();
      }
      Host first = usable[index(random.getAsLong(), usable.length)];
      Host second = usable[index(random.getAsLong(), usable.length)];
      return Optional.of(second.activeRequests() < first.activeRequests() ? second : first);
    }
  }

  /** A usable host drawn uniformly. */
  final class Random implements LoadBalancer {
    private final HostSet hosts;
    private final LongSupplier random;

    public Random(HostSet hosts, LongSupplier random) {
      this.hosts = Objects.requireNonNull(hosts, "hosts");
      this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Optional<Host> choose() {
      Host[] usable = hosts.usable();
      if (usable.length == 0) {
        return Optional.empty();
      }
      return Optional.of(usable[index(random.getAsLong(), usable.length)]);
    }
  }

  private static int index(long random, int size) {
    return (int) Long.remainderUnsigned(random, size);
  }
}
