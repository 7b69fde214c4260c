package dev.rigging.proxy.config;

import dev.rigging.proxy.route.HeaderMatcher;
import dev.rigging.proxy.route.StringMatch;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rules of one HTTP RBAC filter: if any policy matches, the request gets {@code action} (ALLOW:
 * allowed, else denied; DENY: denied, else allowed), as Envoy's {@code envoy.config.rbac.v3.RBAC}.
 */
public record RbacRules(Action action, SortedMap<String, Policy> policies) {

  public RbacRules {
    Objects.requireNonNull(action, "action");
    policies = Collections.unmodifiableSortedMap(new TreeMap<>(policies));
  }

  /** Convenience for building from an unordered map; policies are kept sorted by name. */
  public static RbacRules of(Action action, Map<String, Policy> policies) {
    return new RbacRules(action, new TreeMap<>(policies));
  }

  /** What matching a policy means. */
  public enum Action {
    ALLOW,
    DENY
  }

  /** Matches when any permission and any principal match. */
  public record Policy(List<Permission> permissions, List<Principal> principals) {
    public Policy {
      permissions = List.copyOf(permissions);
      principals = List.copyOf(principals);
    }
  }

  /** What the request does. */
  public sealed interface Permission {
    /** Any request. */
    record Any() implements Permission {}

    /** All of the rules. */
    record And(List<Permission> rules) implements Permission {
      public And {
        rules = List.copyOf(rules);
      }
    }

    /** At least one of the rules. */
    record Or(List<Permission> rules) implements Permission {
      public Or {
        rules = List.copyOf(rules);
      }
    }

    /** The rule does not match. */
    record Not(Permission rule) implements Permission {
      public Not {
        Objects.requireNonNull(rule, "rule");
      }
    }

    /** A header condition (method is the {@code :method} pseudo-header). */
    record Header(HeaderMatcher matcher) implements Permission {
      public Header {
        Objects.requireNonNull(matcher, "matcher");
      }
    }

    /**
     * A condition on the path without query string, after the connection manager's normalisation.
     */
    record UrlPath(StringMatch path) implements Permission {
      public UrlPath {
        Objects.requireNonNull(path, "path");
      }
    }
  }

  /** Who sends the request. */
  public sealed interface Principal {
    /** Anyone, authenticated or not. */
    record Any() implements Principal {}

    /**
     * A peer whose verified certificate's URI SAN (or subject when none) satisfies {@code
     * principalName}.
     */
    record Authenticated(StringMatch principalName) implements Principal {
      public Authenticated {
        Objects.requireNonNull(principalName, "principalName");
      }
    }

    /** At least one of the identities. */
    record OrIds(List<Principal> ids) implements Principal {
      public OrIds {
        ids = List.copyOf(ids);
      }
    }
  }
}
