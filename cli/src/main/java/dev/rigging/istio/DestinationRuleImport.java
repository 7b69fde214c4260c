package dev.rigging.istio;

import static dev.rigging.istio.IstioValues.quote;

import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Version;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A DestinationRule as a whole {@code service} block: the service's port, calls and endpoints as
 * the mesh declares them (Istio leaves those to Kubernetes), its versions with the subsets' labels
 * laid over the declared ones, and the traffic policy of the rule, which replaces the service's own
 * as a DestinationRule does. Every subset must be a declared version: its endpoints come from
 * there.
 */
final class DestinationRuleImport {
  private static final Set<String> SPEC = Set.of("host", "subsets", "trafficPolicy", "exportTo");
  private static final Set<String> POLICY =
      Set.of("loadBalancer", "connectionPool", "outlierDetection");

  private final YamlFile file;
  private final Topology topology;

  DestinationRuleImport(YamlFile file, Topology topology) {
    this.file = file;
    this.topology = topology;
  }

  /** A translated service block. */
  record ServiceBlock(String service, String text, Yaml.At at) {}

  Optional<ServiceBlock> translate(Yaml.MapNode spec) {
    file.onlyKnown(spec, "a DestinationRule", SPEC);
    for (Yaml item : file.list(spec.get("exportTo"), "exportTo")) {
      if (!file.string(Optional.of(item), "exportTo").orElse("*").equals("*")) {
        file.noEquivalent(
            item.at(),
            "`exportTo` other than `*` has no .mesh equivalent",
            "every policy applies mesh-wide");
      }
    }
    Optional<String> host = file.required(spec, "host", "host");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    Yaml.At hostAt = spec.get("host").orElseThrow().at();
    Optional<Service> found = topology.resolveHost(file, hostAt, host.get());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Service service = found.get();
    Map<String, Map<String, String>> subsetLabels = new LinkedHashMap<>();
    Map<String, List<String>> subsetPolicies = new LinkedHashMap<>();
    for (Yaml item : file.list(spec.get("subsets"), "subsets")) {
      Optional<Yaml.MapNode> subset = file.map(Optional.of(item), "subsets");
      if (subset.isEmpty()) {
        continue;
      }
      file.onlyKnown(subset.get(), "a subset", Set.of("name", "labels", "trafficPolicy"));
      Optional<String> name = file.required(subset.get(), "name", "subset name");
      if (name.isEmpty()
          || !topology.resolveSubset(
              file, subset.get().get("name").orElseThrow().at(), service, name.get())) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      file.map(subset.get().get("labels"), "labels")
          .ifPresent(
              l ->
                  l.entries()
                      .values()
                      .forEach(
                          e ->
                              file.string(Optional.of(e.value()), e.key())
                                  .ifPresent(v -> labels.put(e.key(), v))));
      subsetLabels.put(name.get(), labels);
      file.map(subset.get().get("trafficPolicy"), "trafficPolicy")
          .ifPresent(p -> subsetPolicies.put(name.get(), policy(p)));
    }
    List<String> servicePolicy =
        file.map(spec.get("trafficPolicy"), "trafficPolicy").map(this::policy).orElse(List.of());
    return Optional.of(
        new ServiceBlock(
            service.name(), print(service, subsetLabels, subsetPolicies, servicePolicy), hostAt));
  }

  private String print(
      Service service,
      Map<String, Map<String, String>> subsetLabels,
      Map<String, List<String>> subsetPolicies,
      List<String> servicePolicy) {
    StringBuilder out = new StringBuilder("service " + service.name() + " {\n");
    out.append("  port ")
        .append(service.port())
        .append(' ')
        .append(service.protocol().keyword())
        .append('\n');
    service.outboundPort().ifPresent(p -> out.append("  outbound ").append(p).append('\n'));
    if (!service.calls().isEmpty()) {
      out.append("  calls ").append(String.join(", ", service.calls())).append('\n');
    }
    for (Endpoint endpoint : service.endpoints()) {
      out.append("  endpoint ").append(endpoint(endpoint)).append('\n');
    }
    for (Version version : service.versions()) {
      out.append("  version ").append(version.name()).append(" {\n");
      Map<String, String> labels = new TreeMap<>(version.labels());
      labels.putAll(subsetLabels.getOrDefault(version.name(), Map.of()));
      if (!labels.isEmpty()) {
        List<String> pairs = new ArrayList<>();
        labels.forEach((k, v) -> pairs.add(k + ": " + quote(v)));
        out.append("    labels { ").append(String.join(", ", pairs)).append(" }\n");
      }
      version
          .endpoints()
          .forEach(e -> out.append("    endpoint ").append(endpoint(e)).append('\n'));
      List<String> policy = subsetPolicies.getOrDefault(version.name(), List.of());
      if (!policy.isEmpty()) {
        out.append("    policy {\n");
        policy.forEach(line -> out.append("      ").append(line).append('\n'));
        out.append("    }\n");
      }
      out.append("  }\n");
    }
    if (!servicePolicy.isEmpty()) {
      out.append("  policy {\n");
      servicePolicy.forEach(line -> out.append("    ").append(line).append('\n'));
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  private static String endpoint(Endpoint e) {
    boolean literal = e.host().matches("[0-9.]+") || e.host().contains(":");
    return literal ? e.address() : quote(e.address());
  }

  /** Returns the settings of a {@code policy} block, one per line (nested blocks inline). */
  private List<String> policy(Yaml.MapNode policy) {
    file.onlyKnown(policy, "a traffic policy", POLICY);
    List<String> lines = new ArrayList<>();
    file.map(policy.get("loadBalancer"), "loadBalancer")
        .ifPresent(
            lb -> {
              file.onlyKnown(lb, "a load balancer", Set.of("simple"));
              file.string(lb.get("simple"), "simple")
                  .ifPresent(
                      simple -> {
                        String keyword =
                            switch (simple) {
                              case "ROUND_ROBIN" -> "round_robin";
                              case "LEAST_REQUEST", "LEAST_CONN" -> "least_request";
                              case "RANDOM" -> "random";
                              default -> null;
                            };
                        if (keyword == null) {
                          file.noEquivalent(
                              lb.get("simple").orElseThrow().at(),
                              "load balancer `" + simple + "` has no .mesh equivalent",
                              "the language has ROUND_ROBIN, LEAST_REQUEST (LEAST_CONN) and"
                                  + " RANDOM");
                        } else {
                          lines.add("load_balancer " + keyword);
                        }
                      });
            });
    file.map(policy.get("connectionPool"), "connectionPool")
        .ifPresent(
            pool -> {
              file.onlyKnown(pool, "a connection pool", Set.of("tcp", "http"));
              file.map(pool.get("tcp"), "tcp")
                  .ifPresent(
                      tcp -> {
                        file.onlyKnown(
                            tcp, "connectionPool.tcp", Set.of("maxConnections", "connectTimeout"));
                        setting(tcp, "maxConnections", "max_connections", lines);
                        IstioValues.duration(file, tcp.get("connectTimeout"), "connectTimeout")
                            .ifPresent(d -> lines.add("connect_timeout " + d));
                      });
              file.map(pool.get("http"), "http")
                  .ifPresent(
                      http -> {
                        file.onlyKnown(
                            http,
                            "connectionPool.http",
                            Set.of(
                                "http1MaxPendingRequests",
                                "http2MaxRequests",
                                "maxRequestsPerConnection",
                                "maxRetries"));
                        setting(http, "http1MaxPendingRequests", "max_pending_requests", lines);
                        setting(http, "http2MaxRequests", "max_requests", lines);
                        setting(http, "maxRetries", "max_retries", lines);
                        setting(
                            http, "maxRequestsPerConnection", "max_requests_per_connection", lines);
                      });
            });
    file.map(policy.get("outlierDetection"), "outlierDetection").ifPresent(o -> outlier(o, lines));
    return lines;
  }

  private void setting(Yaml.MapNode map, String key, String setting, List<String> lines) {
    file.integer(map.get(key), key, 1, Integer.MAX_VALUE)
        .ifPresent(v -> lines.add(setting + " " + v));
  }

  /** Istio's defaults are the language's: 5 errors, every 10 s, ejected 30 s, at most 10%. */
  private void outlier(Yaml.MapNode o, List<String> lines) {
    file.onlyKnown(
        o,
        "outlier detection",
        Set.of("consecutive5xxErrors", "interval", "baseEjectionTime", "maxEjectionPercent"));
    List<String> inner = new ArrayList<>();
    inner.add(
        "consecutive_5xx "
            + file.integer(
                    o.get("consecutive5xxErrors"), "consecutive5xxErrors", 1, Integer.MAX_VALUE)
                .orElse(5L));
    IstioValues.duration(file, o.get("interval"), "interval")
        .ifPresent(d -> inner.add("interval " + d));
    IstioValues.duration(file, o.get("baseEjectionTime"), "baseEjectionTime")
        .ifPresent(d -> inner.add("ejection_time " + d));
    file.integer(o.get("maxEjectionPercent"), "maxEjectionPercent", 0, 100)
        .flatMap(
            p -> IstioValues.percent(file, o.at(), BigDecimal.valueOf(p), "maxEjectionPercent"))
        .ifPresent(p -> inner.add("max_ejected " + p));
    lines.add("outlier { " + String.join(" ", inner) + " }");
  }
}
