package dev.rigging.istio;

import static dev.rigging.istio.IstioValues.quote;

import dev.rigging.diag.Code;
import dev.rigging.diag.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AuthorizationPolicies as {@code allow} and {@code deny} rules of a service's {@code authz}. The
 * workload is the service named by {@code selector.matchLabels.app}. Istio ORs the sources of a
 * rule, the operations, and the values of a condition, and ANDs the parts: each combination becomes
 * one `.mesh` rule, so the set of requests matched is the same. Principals are service accounts;
 * {@code .../sa/NAME} names the workload {@code NAME}, or {@code NAME} without the mesh's name as a
 * prefix ({@code bookinfo-reviews} in mesh {@code bookinfo}), as in Istio's samples.
 */
final class AuthorizationPolicyImport {
  private static final Set<String> SPEC = Set.of("selector", "action", "rules");

  private final YamlFile file;
  private final Topology topology;

  AuthorizationPolicyImport(YamlFile file, Topology topology) {
    this.file = file;
    this.topology = topology;
  }

  /** The rules one policy contributes to one service's authz. */
  record Rules(String service, boolean allow, List<String> rules, Yaml.At at) {}

  Optional<Rules> translate(Yaml.MapNode spec) {
    file.onlyKnown(spec, "an AuthorizationPolicy", SPEC);
    Optional<String> workload = workload(spec);
    String action = file.string(spec.get("action"), "action").orElse("ALLOW");
    if (!action.equals("ALLOW") && !action.equals("DENY")) {
      file.noEquivalent(
          spec.get("action").orElseThrow().at(),
          "action `" + action + "` has no .mesh equivalent",
          "the language has ALLOW and DENY");
      return Optional.empty();
    }
    String decision = action.equals("ALLOW") ? "allow" : "deny";
    List<String> rules = new ArrayList<>();
    for (Yaml item : file.list(spec.get("rules"), "rules")) {
      // `- {}` has no source, operation or condition: it matches every request.
      file.map(Optional.of(item), "rules").ifPresent(rule -> rules.addAll(rule(decision, rule)));
    }
    return workload.map(w -> new Rules(w, decision.equals("allow"), rules, spec.at()));
  }

  private Optional<String> workload(Yaml.MapNode spec) {
    Optional<Yaml.MapNode> selector = file.map(spec.get("selector"), "selector");
    if (selector.isEmpty()) {
      file.noEquivalent(
          spec.at(),
          "an AuthorizationPolicy without `selector` (for a whole namespace) has no .mesh"
              + " equivalent",
          "select one service with `selector: {matchLabels: {app: NAME}}`");
      return Optional.empty();
    }
    file.onlyKnown(selector.get(), "a selector", Set.of("matchLabels"));
    Optional<Yaml.MapNode> labels = file.map(selector.get().get("matchLabels"), "matchLabels");
    Optional<String> app = labels.flatMap(l -> file.string(l.get("app"), "matchLabels.app"));
    if (app.isEmpty()) {
      file.noEquivalent(
          selector.get().at(),
          "a selector without `app` has no .mesh equivalent",
          "select one service by its `app` label");
      return Optional.empty();
    }
    labels.ifPresent(l -> file.onlyKnown(l, "matchLabels", Set.of("app")));
    Yaml.At at = labels.get().get("app").orElseThrow().at();
    return topology.resolveHost(file, at, app.get()).map(s -> s.name());
  }

  private List<String> rule(String decision, Yaml.MapNode rule) {
    file.onlyKnown(rule, "an authorization rule", Set.of("from", "to", "when"));
    List<String> sources = new ArrayList<>();
    for (Yaml from : file.list(rule.get("from"), "from")) {
      file.map(Optional.of(from), "from").ifPresent(f -> source(f).ifPresent(sources::add));
    }
    if (sources.isEmpty()) {
      sources.add("");
    }
    List<String> operations = new ArrayList<>();
    for (Yaml to : file.list(rule.get("to"), "to")) {
      file.map(Optional.of(to), "to").ifPresent(t -> operation(t).ifPresent(operations::add));
    }
    if (operations.isEmpty()) {
      operations.add("");
    }
    List<String> conditions = List.of("");
    for (Yaml when : file.list(rule.get("when"), "when")) {
      Optional<Yaml.MapNode> w = file.map(Optional.of(when), "when");
      if (w.isPresent()) {
        conditions = and(conditions, condition(w.get()));
      }
    }
    List<String> rules = new ArrayList<>();
    for (String source : sources) {
      for (String operation : operations) {
        for (String condition : conditions) {
          rules.add(
              decision + source + operation + (condition.isEmpty() ? "" : " when " + condition));
        }
      }
    }
    return rules;
  }

  private static List<String> and(List<String> left, List<String> right) {
    List<String> out = new ArrayList<>();
    for (String l : left) {
      for (String r : right) {
        out.add(l.isEmpty() ? r : l + " and " + r);
      }
    }
    return out;
  }

  /** Returns {@code " from a, b"}; empty for any caller. */
  private Optional<String> source(Yaml.MapNode from) {
    file.onlyKnown(from, "a rule source", Set.of("source"));
    Optional<Yaml.MapNode> source = file.map(from.get("source"), "source");
    if (source.isEmpty()) {
      return Optional.of("");
    }
    file.onlyKnown(source.get(), "a source", Set.of("principals"));
    List<String> names = new ArrayList<>();
    for (Yaml p : file.list(source.get().get("principals"), "principals")) {
      Optional<String> principal = file.string(Optional.of(p), "principals");
      if (principal.isEmpty()) {
        continue;
      }
      if (principal.get().equals("*")) {
        return Optional.of("");
      }
      identity(p.at(), principal.get()).ifPresent(names::add);
    }
    return Optional.of(names.isEmpty() ? "" : " from " + String.join(", ", names));
  }

  private Optional<String> identity(Yaml.At at, String principal) {
    int sa = principal.lastIndexOf("/sa/");
    String account = sa < 0 ? principal : principal.substring(sa + 4);
    Set<String> workloads = topology.workloads();
    if (workloads.contains(account)) {
      return Optional.of(account);
    }
    String prefix = topology.mesh().name() + "-";
    if (account.startsWith(prefix) && workloads.contains(account.substring(prefix.length()))) {
      return Optional.of(account.substring(prefix.length()));
    }
    file.report(
        file.error(
                Code.ISTIO_UNKNOWN_REFERENCE,
                at,
                "principal `"
                    + principal
                    + "` is no workload of mesh `"
                    + topology.mesh().name()
                    + "`")
            .label("service account `" + account + "`")
            .suggest(Suggest.nearest(account, workloads))
            .help("a principal's service account must be named after a service or gateway"));
    return Optional.empty();
  }

  /** Returns {@code " to GET, POST "/a/*""}; empty for any request. */
  private Optional<String> operation(Yaml.MapNode to) {
    file.onlyKnown(to, "a rule operation", Set.of("operation"));
    Optional<Yaml.MapNode> operation = file.map(to.get("operation"), "operation");
    if (operation.isEmpty()) {
      return Optional.of("");
    }
    file.onlyKnown(operation.get(), "an operation", Set.of("methods", "paths"));
    List<String> methods = new ArrayList<>();
    for (Yaml m : file.list(operation.get().get("methods"), "methods")) {
      file.string(Optional.of(m), "methods").ifPresent(methods::add);
    }
    List<String> paths = new ArrayList<>();
    for (Yaml p : file.list(operation.get().get("paths"), "paths")) {
      file.string(Optional.of(p), "paths").ifPresent(v -> paths.add(quote(v)));
    }
    if (methods.isEmpty() && paths.isEmpty()) {
      return Optional.of("");
    }
    List<String> targets = new ArrayList<>();
    if (!methods.isEmpty()) {
      targets.add(String.join(", ", methods));
    }
    if (!paths.isEmpty()) {
      targets.add(String.join(", ", paths));
    }
    return Optional.of(" to " + String.join(" ", targets));
  }

  /** Returns one header condition per accepted value (Istio ORs them). */
  private List<String> condition(Yaml.MapNode when) {
    file.onlyKnown(when, "a condition", Set.of("key", "values"));
    Optional<String> key = file.required(when, "key", "when.key");
    if (key.isEmpty()) {
      return List.of();
    }
    if (!key.get().startsWith("request.headers[") || !key.get().endsWith("]")) {
      file.noEquivalent(
          when.get("key").orElseThrow().at(),
          "condition key `" + key.get() + "` has no .mesh equivalent",
          "the language's conditions are on request headers: `request.headers[NAME]`");
      return List.of();
    }
    String header = key.get().substring("request.headers[".length(), key.get().length() - 1);
    List<String> out = new ArrayList<>();
    for (Yaml v : file.list(when.get("values"), "values")) {
      file.string(Optional.of(v), "values")
          .ifPresent(
              value -> {
                String match;
                if (value.equals("*")) {
                  match = "present";
                } else if (value.endsWith("*")) {
                  match = "prefix " + quote(value.substring(0, value.length() - 1));
                } else if (value.startsWith("*")) {
                  match =
                      "regex " + quote(".*" + java.util.regex.Pattern.quote(value.substring(1)));
                } else {
                  match = "exact " + quote(value);
                }
                out.add("header " + quote(header) + " " + match);
              });
    }
    if (out.isEmpty()) {
      file.invalid(when.at(), "a condition needs `values`");
    }
    return out;
  }
}
