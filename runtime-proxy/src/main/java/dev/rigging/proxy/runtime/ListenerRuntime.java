package dev.rigging.proxy.runtime;

import dev.rigging.proxy.config.ListenerConfig;
import java.util.List;
import java.util.Optional;

/** A listener ready to serve: its configuration and its chains, chosen per connection by SNI. */
record ListenerRuntime(ListenerConfig config, List<ChainRuntime> chains) {

  ListenerRuntime {
    chains = List.copyOf(chains);
  }

  /**
   * The chain for a connection that asked for {@code serverName}: the first naming it, else the
   * first naming none, as Envoy's filter chain match on server names.
   */
  Optional<ChainRuntime> chainFor(Optional<String> serverName) {
    // Plain loops: this runs twice for every request (routing, then counting and logging).
    if (serverName.isPresent()) {
      for (ChainRuntime chain : chains) {
        for (String name : chain.serverNames()) {
          if (name.equalsIgnoreCase(serverName.get())) {
            return Optional.of(chain);
          }
        }
      }
    }
    for (ChainRuntime chain : chains) {
      if (chain.serverNames().isEmpty()) {
        return Optional.of(chain);
      }
    }
    return Optional.empty();
  }

  /** Whether the listener terminates TLS (all its chains do, or none). */
  boolean tls() {
    return !chains.isEmpty() && chains.get(0).tls().isPresent();
  }
}
