package dev.rigging.istio;

import static dev.rigging.istio.IstioValues.quote;

import dev.rigging.compiler.ir.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A VirtualService as a {@code route} block. Each HTTP route becomes one rule per match (Istio ORs
 * the matches of one route; a `.mesh` rule ANDs its conditions), in order, so first-match-wins is
 * kept; a route without matches becomes {@code default}. Destinations must be services and versions
 * of the mesh.
 */
final class VirtualServiceImport {
  private static final Set<String> SPEC = Set.of("hosts", "gateways", "http", "exportTo");
  private static final Set<String> HTTP =
      Set.of(
          "name",
          "match",
          "route",
          "redirect",
          "directResponse",
          "rewrite",
          "timeout",
          "retries",
          "fault",
          "mirror",
          "mirrorPercentage",
          "headers");
  private static final Set<String> MATCH =
      Set.of("name", "uri", "method", "headers", "queryParams", "withoutHeaders");

  private final YamlFile file;
  private final Topology topology;

  VirtualServiceImport(YamlFile file, Topology topology) {
    this.file = file;
    this.topology = topology;
  }

  /** A translated route block for one service. */
  record RouteBlock(String service, String text, Yaml.At at) {}

  Optional<RouteBlock> translate(Yaml.MapNode spec) {
    file.onlyKnown(spec, "a VirtualService", SPEC);
    for (Yaml gateway : file.list(spec.get("gateways"), "gateways")) {
      Optional<String> name = file.string(Optional.of(gateway), "gateways");
      if (name.isPresent() && !name.get().equals("mesh")) {
        file.noEquivalent(
            gateway.at(),
            "a VirtualService bound to gateway `" + name.get() + "` has no .mesh equivalent here",
            "write the gateway's rules in its `gateway` block; import only mesh-internal routes");
      }
    }
    exportTo(spec);
    List<Yaml> hosts = file.list(spec.get("hosts"), "hosts");
    if (spec.get("hosts").isPresent() && !(spec.get("hosts").get() instanceof Yaml.ListNode)) {
      return Optional.empty(); // reported by list()
    }
    if (hosts.size() != 1) {
      file.invalid(
          spec.get("hosts").map(Yaml::at).orElse(spec.at()),
          hosts.isEmpty()
              ? "`hosts` must name the service this VirtualService routes"
              : "a VirtualService with several hosts has no .mesh equivalent: routes are per"
                  + " service");
      return Optional.empty();
    }
    Optional<String> host = file.string(Optional.of(hosts.getFirst()), "hosts");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    Optional<Service> service = topology.resolveHost(file, hosts.getFirst().at(), host.get());
    if (service.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder("route " + service.get().name() + " {\n");
    for (Yaml route : file.list(spec.get("http"), "http")) {
      file.map(Optional.of(route), "http").ifPresent(r -> httpRoute(r, service.get(), text));
    }
    text.append("}\n");
    return Optional.of(
        new RouteBlock(service.get().name(), text.toString(), hosts.getFirst().at()));
  }

  private void exportTo(Yaml.MapNode spec) {
    for (Yaml item : file.list(spec.get("exportTo"), "exportTo")) {
      if (!file.string(Optional.of(item), "exportTo").orElse("*").equals("*")) {
        file.noEquivalent(
            item.at(),
            "`exportTo` other than `*` has no .mesh equivalent",
            "every route applies mesh-wide");
      }
    }
  }

  private void httpRoute(Yaml.MapNode route, Service routed, StringBuilder out) {
    file.onlyKnown(route, "an HTTP route", HTTP);
    List<String> actions = new HttpActionImport(file, topology).actions(route, routed);
    List<Yaml> matches = file.list(route.get("match"), "match");
    List<String> heads = new ArrayList<>();
    for (Yaml match : matches) {
      file.map(Optional.of(match), "match").ifPresent(m -> conditions(m).ifPresent(heads::add));
    }
    if (matches.isEmpty()) {
      heads.add("default");
    }
    for (String head : heads) {
      out.append("  ").append(head).append(" {\n");
      actions.forEach(a -> out.append("    ").append(a).append('\n'));
      out.append("  }\n");
    }
  }

  /** Returns {@code match <conditions>}, or {@code default} for a match of nothing. */
  private Optional<String> conditions(Yaml.MapNode match) {
    file.onlyKnown(match, "a match", MATCH);
    List<String> parts = new ArrayList<>();
    file.map(match.get("uri"), "uri")
        .flatMap(uri -> stringMatch(uri, "uri", false))
        .ifPresent(m -> parts.add("path " + m));
    file.map(match.get("method"), "method")
        .ifPresent(
            method -> {
              file.onlyKnown(method, "a method match", Set.of("exact"));
              file.string(method.get("exact"), "method").ifPresent(m -> parts.add("method " + m));
            });
    fields(match, "headers", "header", parts);
    fields(match, "queryParams", "query", parts);
    file.map(match.get("withoutHeaders"), "withoutHeaders")
        .ifPresent(
            without ->
                without
                    .entries()
                    .values()
                    .forEach(
                        e -> {
                          if (e.value() instanceof Yaml.MapNode m && m.entries().isEmpty()) {
                            parts.add("header " + quote(e.key()) + " absent");
                          } else {
                            file.noEquivalent(
                                e.at(),
                                "`withoutHeaders` with a value match has no .mesh equivalent",
                                "only `name: {}` (the header is absent) is supported");
                          }
                        }));
    return Optional.of(parts.isEmpty() ? "default" : "match " + String.join(" ", parts));
  }

  private void fields(Yaml.MapNode match, String key, String keyword, List<String> parts) {
    file.map(match.get(key), key)
        .ifPresent(
            map ->
                map.entries()
                    .values()
                    .forEach(
                        e ->
                            file.map(Optional.of(e.value()), key + "." + e.key())
                                .flatMap(m -> stringMatch(m, key, true))
                                .ifPresent(
                                    m -> parts.add(keyword + " " + quote(e.key()) + " " + m))));
  }

  /** {@code exact|prefix|regex "v"}; an empty map is {@code present} where allowed. */
  private Optional<String> stringMatch(Yaml.MapNode m, String what, boolean allowPresent) {
    file.onlyKnown(m, "a " + what + " match", Set.of("exact", "prefix", "regex"));
    if (m.entries().isEmpty()) {
      if (allowPresent) {
        return Optional.of("present");
      }
      file.invalid(m.at(), "`" + what + "` needs `exact`, `prefix` or `regex`");
      return Optional.empty();
    }
    for (String kind : List.of("exact", "prefix", "regex")) {
      Optional<String> value = file.string(m.get(kind), what + "." + kind);
      if (value.isPresent()) {
        return Optional.of(kind + " " + quote(value.get()));
      }
    }
    return Optional.empty();
  }
}
