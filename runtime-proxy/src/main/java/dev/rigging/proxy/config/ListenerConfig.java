package dev.rigging.proxy.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A listening socket and its filter chains.
 *
 * @param name the listener's name
 * @param address where it binds
 * @param tlsInspector whether the TLS inspector reads SNI and ALPN before a chain is chosen
 * @param filterChains the chains, each with one HTTP connection manager
 */
public record ListenerConfig(
    String name, HostPort address, boolean tlsInspector, List<FilterChain> filterChains) {

  public ListenerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    filterChains = List.copyOf(filterChains);
  }

  /**
   * One filter chain: chosen by SNI when {@code serverNames} is non-empty.
   *
   * @param name the chain's name
   * @param serverNames SNI values that select this chain; empty matches any
   * @param tls downstream TLS, when the chain terminates it
   * @param connectionManager the chain's HTTP connection manager
   */
  public record FilterChain(
      String name,
      List<String> serverNames,
      Optional<TlsSettings.Downstream> tls,
      ConnectionManagerConfig connectionManager) {
    public FilterChain {
      Objects.requireNonNull(name, "name");
      serverNames = List.copyOf(serverNames);
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(connectionManager, "connectionManager");
    }
  }
}
