package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.Authz;
import dev.rigging.compiler.ir.StringMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's authz as HTTP RBAC filters. Deny rules are checked first, by a DENY filter; then,
 * when the default is deny, an ALLOW filter lets through only what an allow rule matches (with no
 * allow rules its policy map is empty, which denies everything). With a default of allow, allow
 * rules change nothing and are not emitted.
 */
final class RbacBuilder {
  private RbacBuilder() {}

  /** Returns the RBAC filters for {@code authz}, in evaluation order, with their origins. */
  static List<Built> filters(Authz authz) {
    var filters = new ArrayList<Built>(2);
    var deny = authz.denyRules();
    if (!deny.isEmpty()) {
      filters.add(filter(EnvoyTypes.RBAC_DENY_FILTER, "DENY", "deny-", deny, authz));
    }
    if (authz.defaultDecision() == Authz.Decision.DENY) {
      filters.add(
          filter(EnvoyTypes.RBAC_ALLOW_FILTER, "ALLOW", "allow-", authz.allowRules(), authz));
    }
    return filters;
  }

  private static Built filter(
      String name, String action, String policyPrefix, List<Authz.Rule> rules, Authz authz) {
    var origins = new Origins().here(authz.span());
    var policies = Json.object();
    for (int i = 0; i < rules.size(); i++) {
      String policyName = policyPrefix + i;
      policies.set(policyName, policy(rules.get(i)));
      origins.at(".typed_config.rules.policies" + keySegment(policyName), rules.get(i).span());
    }
    var rbac = Json.object().put("action", action);
    rbac.set("policies", policies);
    var config = Json.any(EnvoyTypes.RBAC);
    config.set("rules", rbac);
    var filter = Json.object().put("name", name);
    filter.set("typed_config", config);
    return new Built(filter, origins);
  }

  static ObjectNode policy(Authz.Rule rule) {
    var policy = Json.object();
    policy.set("permissions", Json.arrayOf(permission(rule)));
    policy.set("principals", principals(rule));
    return policy;
  }

  /** All of: one of the methods, one of the paths, every header condition. */
  private static ObjectNode permission(Authz.Rule rule) {
    var all = Json.array();
    if (!rule.methods().isEmpty()) {
      var methods = Json.array();
      for (String method : rule.methods()) {
        methods.add(
            Json.single(
                "header",
                HeaderMatchers.header(HeaderMatchers.METHOD, new StringMatch.Exact(method))));
      }
      all.add(Json.single("or_rules", Json.single("rules", methods)));
    }
    var paths = paths(rule.paths());
    if (paths != null) {
      all.add(Json.single("or_rules", Json.single("rules", paths)));
    }
    rule.headers().forEach(h -> all.add(Json.single("header", HeaderMatchers.header(h))));
    if (all.isEmpty()) {
      return Json.object().put("any", true);
    }
    return Json.single("and_rules", Json.single("rules", all));
  }

  /** Returns the path alternatives, or null when any path will do (none given, or {@code *}). */
  private static ArrayNode paths(List<Authz.PathPattern> patterns) {
    var paths = Json.array();
    for (var pattern : patterns) {
      ObjectNode matcher =
          switch (pattern) {
            case Authz.PathPattern.Exact(String path) -> Json.single("exact", path);
            case Authz.PathPattern.Prefix(String prefix) -> Json.single("prefix", prefix);
            case Authz.PathPattern.Suffix(String suffix) -> Json.single("suffix", suffix);
            case Authz.PathPattern.Any() -> null;
          };
      if (matcher == null) {
        return null;
      }
      paths.add(Json.single("url_path", Json.single("path", matcher)));
    }
    return paths.isEmpty() ? null : paths;
  }

  /** Any of the named callers; a rule without {@code from} takes any caller of the mesh. */
  private static ArrayNode principals(Authz.Rule rule) {
    if (rule.from().isEmpty()) {
      // The inbound TLS context already admits only certificates of this mesh.
      return Json.arrayOf(Json.object().put("any", true));
    }
    var ids = Json.array();
    for (var identity : rule.from()) {
      var name = Json.single("principal_name", Json.single("exact", identity.spiffeId()));
      ids.add(Json.single("authenticated", name));
    }
    return Json.arrayOf(Json.single("or_ids", Json.single("ids", ids)));
  }

  private static String keySegment(String key) {
    // Policy names are ours ("deny-0"): nothing to escape.
    return "[\"" + key + "\"]";
  }
}
