package dev.rigging.proxy.filter;

import dev.rigging.proxy.config.HttpFilterConfig;
import dev.rigging.proxy.config.RbacRules;
import dev.rigging.proxy.config.RbacRules.Permission;
import dev.rigging.proxy.config.RbacRules.Principal;
import dev.rigging.proxy.route.RouteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The RBAC filters of one connection manager, evaluated in chain order as Envoy's {@code
 * envoy.filters.http.rbac}: each filter allows or denies by its own action, and the first denial
 * ends the request (the compiler puts the DENY filter before the ALLOW filter).
 *
 * <p>Policies of a filter are tried in name order and the first match decides, as Envoy's engine
 * keeps them in an ordered map. Immutable and thread-safe; every {@link Decision} is built once, at
 * construction, so evaluation does not allocate.
 */
public final class RbacEngine {

  /** Status of Envoy's response to a denied request. */
  public static final int DENIED_STATUS = 403;

  /** Body of Envoy's response to a denied request (content type {@code text/plain}). */
  public static final String DENIED_BODY = "RBAC: access denied";

  private static final Decision NO_RBAC = new Decision(true, "", Optional.empty());

  private final List<Filter> filters;

  private RbacEngine(List<Filter> filters) {
    this.filters = List.copyOf(filters);
  }

  /** The engine for the RBAC filters of {@code chain}, in order; other filters are skipped. */
  public static RbacEngine of(List<HttpFilterConfig> chain) {
    List<Filter> filters = new ArrayList<>();
    for (HttpFilterConfig filter : chain) {
      if (filter instanceof HttpFilterConfig.Rbac rbac) {
        filters.add(new Filter(rbac.name(), rbac.rules()));
      }
    }
    return new RbacEngine(filters);
  }

  /**
   * The outcome of the RBAC filters.
   *
   * @param allowed whether the request goes on
   * @param filter the deciding filter: the one that denied, else the last one; "" without RBAC
   * @param policy the policy that matched in that filter, if one did
   */
  public record Decision(boolean allowed, String filter, Optional<String> policy) {
    public Decision {
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(policy, "policy");
    }
  }

  /** Whether there is no RBAC filter, so every request is allowed. */
  public boolean isEmpty() {
    return filters.isEmpty();
  }

  /**
   * Whether {@code request} may proceed.
   *
   * @param request the request after path normalisation; its headers must include the
   *     pseudo-headers a rule may name ({@code :method}, {@code :path}, {@code :authority})
   * @param peerUriSan the URI SAN (SPIFFE ID) of the peer's verified certificate; empty when the
   *     connection has no client certificate, which no {@code authenticated} principal matches
   */
  public Decision evaluate(RouteRequest request, Optional<String> peerUriSan) {
    Decision last = NO_RBAC;
    for (Filter filter : filters) {
      last = filter.evaluate(request, peerUriSan);
      if (!last.allowed()) {
        return last;
      }
    }
    return last;
  }

  /** One RBAC filter with its decisions prepared. */
  private static final class Filter {
    private final RbacRules.Policy[] policies;
    private final Decision[] onMatch;
    private final Decision noMatch;

    Filter(String name, RbacRules rules) {
      int count = rules.policies().size();
      policies = new RbacRules.Policy[count];
      onMatch = new Decision[count];
      boolean allowAction = rules.action() == RbacRules.Action.ALLOW;
      int i = 0;
      for (Map.Entry<String, RbacRules.Policy> entry : rules.policies().entrySet()) {
        policies[i] = entry.getValue();
        onMatch[i] = new Decision(allowAction, name, Optional.of(entry.getKey()));
        i++;
      }
      // ALLOW with no matching policy denies (an empty ALLOW filter denies everything).
      noMatch = new Decision(!allowAction, name, Optional.empty());
    }

    Decision evaluate(RouteRequest request, Optional<String> peer) {
      for (int i = 0; i < policies.length; i++) {
        if (matches(policies[i], request, peer)) {
          return onMatch[i];
        }
      }
      return noMatch;
    }
  }

  /** Whether any permission and any principal of {@code policy} match. */
  static boolean matches(RbacRules.Policy policy, RouteRequest request, Optional<String> peer) {
    boolean permitted = false;
    for (Permission permission : policy.permissions()) {
      if (matches(permission, request)) {
        permitted = true;
        break;
      }
    }
    if (!permitted) {
      return false;
    }
    for (Principal principal : policy.principals()) {
      if (matches(principal, peer)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(Permission permission, RouteRequest request) {
    return switch (permission) {
      case Permission.Any any -> true;
      case Permission.And and -> {
        for (Permission rule : and.rules()) {
          if (!matches(rule, request)) {
            yield false;
          }
        }
        yield true;
      }
      case Permission.Or or -> {
        for (Permission rule : or.rules()) {
          if (matches(rule, request)) {
            yield true;
          }
        }
        yield false;
      }
      case Permission.Not not -> !matches(not.rule(), request);
      case Permission.Header header -> header.matcher().matches(request);
      // Envoy's url_path sees the path without query string (the request line's fragment is
      // refused before it gets here).
      case Permission.UrlPath urlPath -> urlPath.path().matches(request.pathWithoutQuery());
    };
  }

  static boolean matches(Principal principal, Optional<String> peer) {
    return switch (principal) {
      case Principal.Any any -> true;
      case Principal.Authenticated authenticated ->
          peer.isPresent() && authenticated.principalName().matches(peer.get());
      case Principal.OrIds orIds -> {
        for (Principal id : orIds.ids()) {
          if (matches(id, peer)) {
            yield true;
          }
        }
        yield false;
      }
    };
  }
}
