package dev.rigging.proxy.config;

import dev.rigging.proxy.route.StringMatch;
import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import java.util.Map;
import java.util.TreeMap;

/** Envoy's HTTP RBAC filter config as {@link RbacRules}. */
final class RbacTranslator {

  private RbacTranslator() {}

  /**
   * The rules; an RBAC filter without {@code rules} is refused, because Envoy then allows
   * everything silently.
   */
  static RbacRules translate(RBAC rbac, String path, Problems problems) {
    if (!rbac.hasRules()) {
      problems.add(path, "an RBAC filter without rules is not supported by the Rigging proxy");
      return null;
    }
    RbacRules.Action action =
        switch (rbac.getRules().getAction()) {
          case ALLOW -> RbacRules.Action.ALLOW;
          case DENY -> RbacRules.Action.DENY;
          default -> throw new IllegalArgumentException("action refused by the support check");
        };
    Map<String, RbacRules.Policy> policies = new TreeMap<>();
    rbac.getRules().getPoliciesMap().forEach((name, policy) -> policies.put(name, policy(policy)));
    return RbacRules.of(action, policies);
  }

  private static RbacRules.Policy policy(Policy policy) {
    return new RbacRules.Policy(
        policy.getPermissionsList().stream().map(RbacTranslator::permission).toList(),
        policy.getPrincipalsList().stream().map(RbacTranslator::principal).toList());
  }

  private static RbacRules.Permission permission(Permission permission) {
    return switch (permission.getRuleCase()) {
      case ANY -> new RbacRules.Permission.Any();
      case AND_RULES ->
          new RbacRules.Permission.And(
              permission.getAndRules().getRulesList().stream()
                  .map(RbacTranslator::permission)
                  .toList());
      case OR_RULES ->
          new RbacRules.Permission.Or(
              permission.getOrRules().getRulesList().stream()
                  .map(RbacTranslator::permission)
                  .toList());
      case NOT_RULE -> new RbacRules.Permission.Not(permission(permission.getNotRule()));
      case HEADER ->
          new RbacRules.Permission.Header(RouteConfigTranslator.header(permission.getHeader()));
      case URL_PATH ->
          new RbacRules.Permission.UrlPath(
              ProtoValues.stringMatch(permission.getUrlPath().getPath()));
      default ->
          throw new IllegalArgumentException(
              "permission refused by the support check: " + permission.getRuleCase());
    };
  }

  private static RbacRules.Principal principal(Principal principal) {
    return switch (principal.getIdentifierCase()) {
      case ANY -> new RbacRules.Principal.Any();
      case AUTHENTICATED ->
          new RbacRules.Principal.Authenticated(
              principal.getAuthenticated().hasPrincipalName()
                  ? ProtoValues.stringMatch(principal.getAuthenticated().getPrincipalName())
                  // Envoy: without principal_name, any authenticated peer matches.
                  : new StringMatch.Prefix(""));
      case OR_IDS ->
          new RbacRules.Principal.OrIds(
              principal.getOrIds().getIdsList().stream().map(RbacTranslator::principal).toList());
      default ->
          throw new IllegalArgumentException(
              "principal refused by the support check: " + principal.getIdentifierCase());
    };
  }
}
