package dev.rigging.emitters.envoy;

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

  /** Written once: a sidecar's filters are the same in each of its inbound chains. */
  private static Built filter(
      String name, String action, String policyPrefix, List<Authz.Rule> rules, Authz authz) {
    var origins = new Origins().here(authz.span());
    for (int i = 0; i < rules.size(); i++) {
      String policyName = policyPrefix + i;
      origins.at(".typed_config.rules.policies" + keySegment(policyName), rules.get(i).span());
    }
    var filter =
        Fragment.of(
            out -> {
              out.beginObject().field("name", name).name("typed_config");
              out.beginAny(EnvoyTypes.RBAC).name("rules").beginObject();
              out.field("action", action).name("policies").beginObject();
              for (int i = 0; i < rules.size(); i++) {
                policy(out.name(policyPrefix + i), rules.get(i));
              }
              out.endObject().endObject().endObject().endObject();
            });
    return new Built(filter, origins);
  }

  static void policy(CompactJson out, Authz.Rule rule) {
    out.beginObject().name("permissions").beginArray();
    permission(out, rule);
    out.endArray();
    principals(out.name("principals"), rule);
    out.endObject();
  }

  /** All of: one of the methods, one of the paths, every header condition. */
  private static void permission(CompactJson out, Authz.Rule rule) {
    boolean anyPath = anyPath(rule.paths());
    if (rule.methods().isEmpty() && anyPath && rule.headers().isEmpty()) {
      out.beginObject().field("any", true).endObject();
      return;
    }
    out.beginObject().name("and_rules").beginObject().name("rules").beginArray();
    if (!rule.methods().isEmpty()) {
      orRules(out);
      for (String method : rule.methods()) {
        out.beginObject().name("header");
        HeaderMatchers.header(out, HeaderMatchers.METHOD, new StringMatch.Exact(method));
        out.endObject();
      }
      out.endArray().endObject().endObject();
    }
    if (!anyPath) {
      orRules(out);
      for (var pattern : rule.paths()) {
        out.beginObject().name("url_path").beginObject().name("path");
        switch (pattern) {
          case Authz.PathPattern.Exact(String path) -> out.single("exact", path);
          case Authz.PathPattern.Prefix(String prefix) -> out.single("prefix", prefix);
          case Authz.PathPattern.Suffix(String suffix) -> out.single("suffix", suffix);
          case Authz.PathPattern.Any() -> throw new IllegalStateException("checked above");
        }
        out.endObject().endObject();
      }
      out.endArray().endObject().endObject();
    }
    for (var header : rule.headers()) {
      out.beginObject().name("header");
      HeaderMatchers.header(out, header);
      out.endObject();
    }
    out.endArray().endObject().endObject();
  }

  /** Opens {@code {"or_rules":{"rules":[}, for the caller to fill and close. */
  private static void orRules(CompactJson out) {
    out.beginObject().name("or_rules").beginObject().name("rules").beginArray();
  }

  /** Whether any path will do: none given, or {@code *} among them. */
  private static boolean anyPath(List<Authz.PathPattern> patterns) {
    return patterns.isEmpty()
        || patterns.stream().anyMatch(p -> p instanceof Authz.PathPattern.Any);
  }

  /** Any of the named callers; a rule without {@code from} takes any caller of the mesh. */
  private static void principals(CompactJson out, Authz.Rule rule) {
    out.beginArray();
    if (rule.from().isEmpty()) {
      // The inbound TLS context already admits only certificates of this mesh.
      out.beginObject().field("any", true).endObject();
    } else {
      out.beginObject().name("or_ids").beginObject().name("ids").beginArray();
      for (var identity : rule.from()) {
        out.beginObject().name("authenticated").beginObject().name("principal_name");
        out.single("exact", identity.spiffeId()).endObject().endObject();
      }
      out.endArray().endObject().endObject();
    }
    out.endArray();
  }

  private static String keySegment(String key) {
    // Policy names are ours ("deny-0"): nothing to escape.
    return "[\"" + key + "\"]";
  }
}
