package dev.rigging.proxy.config;

import dev.rigging.proxy.route.FaultConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a connection manager's HTTP filter chain, in the order requests pass through them.
 */
public sealed interface HttpFilterConfig {

  /** The filter's name as configured (e.g. {@code rigging.authz.deny}). */
  String name();

  /** {@code envoy.filters.http.rbac}: allow or deny by policy. */
  record Rbac(String name, RbacRules rules) implements HttpFilterConfig {
    public Rbac {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(rules, "rules");
    }
  }

  /**
   * {@code envoy.filters.http.fault}: faults from the route's per-filter config, else these
   * defaults.
   */
  record Fault(String name, Optional<FaultConfig> defaults) implements HttpFilterConfig {
    public Fault {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(defaults, "defaults");
    }
  }

  /** {@code envoy.filters.http.router}: forwards per the selected route; always last. */
  record Router(String name) implements HttpFilterConfig {
    public Router {
      Objects.requireNonNull(name, "name");
    }
  }
}
