package dev.rigging.istio;

import static dev.rigging.istio.IstioValues.quote;

import dev.rigging.compiler.ir.Service;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one HTTP route of a VirtualService does, as the actions of a rule: destinations and weights,
 * redirect or direct response, timeout, retries, mirror, rewrite, faults and header edits. Shared
 * by every rule the route's matches become.
 */
final class HttpActionImport {
  private static final Set<String> RETRY_ON =
      Set.of("5xx", "gateway-error", "reset", "connect-failure", "retriable-4xx", "refused-stream");

  private final YamlFile file;
  private final Topology topology;

  HttpActionImport(YamlFile file, Topology topology) {
    this.file = file;
    this.topology = topology;
  }

  /** Returns the action lines of a rule, in the order the language documents them. */
  List<String> actions(Yaml.MapNode route, Service routed) {
    List<String> actions = new ArrayList<>();
    List<Yaml> destinations = file.list(route.get("route"), "route");
    if (!destinations.isEmpty()) {
      forward(destinations, routed).ifPresent(actions::add);
    }
    file.map(route.get("redirect"), "redirect").ifPresent(r -> redirect(r).ifPresent(actions::add));
    file.map(route.get("directResponse"), "directResponse")
        .ifPresent(
            d -> {
              file.onlyKnown(d, "a direct response", Set.of("status", "body"));
              Optional<Long> status = file.integer(d.get("status"), "status", 200, 599);
              Optional<String> body =
                  file.map(d.get("body"), "body")
                      .flatMap(
                          b -> {
                            file.onlyKnown(b, "a direct response body", Set.of("string"));
                            return file.string(b.get("string"), "body.string");
                          });
              status.ifPresent(
                  s -> actions.add("respond " + s + body.map(b -> " " + quote(b)).orElse("")));
            });
    IstioValues.duration(file, route.get("timeout"), "timeout")
        .ifPresent(t -> actions.add("timeout " + t));
    file.map(route.get("retries"), "retries").flatMap(this::retries).ifPresent(actions::add);
    mirror(route, routed).ifPresent(actions::add);
    file.map(route.get("rewrite"), "rewrite").flatMap(this::rewrite).ifPresent(actions::add);
    file.map(route.get("fault"), "fault").flatMap(this::fault).ifPresent(actions::add);
    file.map(route.get("headers"), "headers").ifPresent(h -> headers(h, actions));
    return actions;
  }

  private Optional<String> forward(List<Yaml> destinations, Service routed) {
    List<String> targets = new ArrayList<>();
    long total = 0;
    boolean weighted = destinations.size() > 1;
    for (Yaml item : destinations) {
      Optional<Yaml.MapNode> d = file.map(Optional.of(item), "route");
      if (d.isEmpty()) {
        return Optional.empty();
      }
      file.onlyKnown(d.get(), "a route destination", Set.of("destination", "weight"));
      Optional<String> target = destination(d.get().get("destination"), routed);
      long weight =
          file.integer(d.get().get("weight"), "weight", 0, 100).orElse(weighted ? 0L : 100L);
      if (target.isEmpty()) {
        return Optional.empty();
      }
      total += weight;
      targets.add(target.get() + " " + weight + "%");
    }
    if (!weighted) {
      return Optional.of(
          "to " + targets.getFirst().substring(0, targets.getFirst().lastIndexOf(' ')));
    }
    if (total != 100) {
      file.invalid(destinations.getFirst().at(), "route weights add up to " + total + ", not 100");
      return Optional.empty();
    }
    return Optional.of("split " + String.join(", ", targets));
  }

  /**
   * Returns {@code v2}, {@code reviews}, {@code ratings.v1}: as a rule of {@code routed} names it.
   */
  private Optional<String> destination(Optional<Yaml> node, Service routed) {
    Optional<Yaml.MapNode> d = file.map(node, "destination");
    if (d.isEmpty()) {
      file.invalid(node.map(Yaml::at).orElse(new Yaml.At(1, 1)), "`destination` is required");
      return Optional.empty();
    }
    file.onlyKnown(d.get(), "a destination", Set.of("host", "subset"));
    Optional<String> host = file.required(d.get(), "host", "destination.host");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    Yaml.At hostAt = d.get().get("host").orElseThrow().at();
    Optional<Service> service = topology.resolveHost(file, hostAt, host.get());
    if (service.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> subset = file.string(d.get().get("subset"), "subset");
    if (subset.isPresent()
        && !topology.resolveSubset(
            file, d.get().get("subset").orElseThrow().at(), service.get(), subset.get())) {
      return Optional.empty();
    }
    String name = service.get().name();
    if (subset.isEmpty()) {
      return Optional.of(name);
    }
    return Optional.of(name.equals(routed.name()) ? subset.get() : name + "." + subset.get());
  }

  private Optional<String> redirect(Yaml.MapNode r) {
    file.onlyKnown(r, "a redirect", Set.of("uri", "authority", "port", "scheme", "redirectCode"));
    StringBuilder text = new StringBuilder("redirect");
    file.string(r.get("scheme"), "scheme").ifPresent(v -> text.append(" scheme ").append(quote(v)));
    file.string(r.get("authority"), "authority")
        .ifPresent(v -> text.append(" host ").append(quote(v)));
    file.integer(r.get("port"), "port", 1, 65535).ifPresent(v -> text.append(" port ").append(v));
    file.string(r.get("uri"), "uri").ifPresent(v -> text.append(" path ").append(quote(v)));
    file.integer(r.get("redirectCode"), "redirectCode", 300, 399)
        .ifPresent(v -> text.append(" code ").append(v));
    return Optional.of(text.toString());
  }

  private Optional<String> retries(Yaml.MapNode r) {
    file.onlyKnown(r, "retries", Set.of("attempts", "perTryTimeout", "retryOn"));
    long attempts = file.integer(r.get("attempts"), "attempts", 0, 1000).orElse(0L);
    if (attempts == 0) {
      return Optional.empty(); // Istio's way of switching retries off
    }
    StringBuilder text = new StringBuilder("retries " + attempts);
    IstioValues.duration(file, r.get("perTryTimeout"), "perTryTimeout")
        .ifPresent(d -> text.append(" per_try ").append(d));
    Optional<String> on = file.string(r.get("retryOn"), "retryOn");
    if (on.isPresent()) {
      List<String> conditions = new ArrayList<>();
      for (String condition : on.get().split(",")) {
        String c = condition.strip();
        if (RETRY_ON.contains(c) || c.matches("[1-5]\\d\\d")) {
          conditions.add(c);
        } else {
          file.noEquivalent(
              r.get("retryOn").orElseThrow().at(),
              "retry condition `" + c + "` has no .mesh equivalent",
              "the language knows "
                  + String.join(", ", RETRY_ON.stream().sorted().toList())
                  + " and status codes");
        }
      }
      if (!conditions.isEmpty()) {
        text.append(" on ").append(String.join(", ", conditions));
      }
    }
    return Optional.of(text.toString());
  }

  private Optional<String> mirror(Yaml.MapNode route, Service routed) {
    Optional<Yaml> mirror = route.get("mirror");
    Optional<Yaml.MapNode> percentage = file.map(route.get("mirrorPercentage"), "mirrorPercentage");
    if (mirror.isEmpty()) {
      percentage.ifPresent(p -> file.invalid(p.at(), "`mirrorPercentage` without `mirror`"));
      return Optional.empty();
    }
    Optional<String> target = destination(mirror, routed);
    // Istio mirrors every request when mirrorPercentage is absent.
    String percent = "100%";
    if (percentage.isPresent()) {
      file.onlyKnown(percentage.get(), "mirrorPercentage", Set.of("value"));
      Optional<BigDecimal> value =
          file.decimal(percentage.get().get("value"), "mirrorPercentage.value");
      Optional<String> p =
          value.flatMap(
              v -> IstioValues.percent(file, percentage.get().at(), v, "mirrorPercentage"));
      if (p.isEmpty()) {
        return Optional.empty();
      }
      percent = p.get();
    }
    String on = percent;
    return target.map(t -> "mirror " + t + " on " + on);
  }

  private Optional<String> rewrite(Yaml.MapNode r) {
    file.onlyKnown(r, "a rewrite", Set.of("uri", "authority", "uriRegexRewrite"));
    List<String> parts = new ArrayList<>();
    file.string(r.get("uri"), "uri").ifPresent(u -> parts.add("prefix " + quote(u)));
    file.map(r.get("uriRegexRewrite"), "uriRegexRewrite")
        .ifPresent(
            x -> {
              file.onlyKnown(x, "uriRegexRewrite", Set.of("match", "rewrite"));
              Optional<String> match = file.required(x, "match", "uriRegexRewrite.match");
              Optional<String> rewrite = file.required(x, "rewrite", "uriRegexRewrite.rewrite");
              if (match.isPresent() && rewrite.isPresent()) {
                parts.add("regex " + quote(match.get()) + " " + quote(rewrite.get()));
              }
            });
    file.string(r.get("authority"), "authority").ifPresent(h -> parts.add("host " + quote(h)));
    return parts.isEmpty() ? Optional.empty() : Optional.of("rewrite " + String.join(" ", parts));
  }

  private Optional<String> fault(Yaml.MapNode fault) {
    file.onlyKnown(fault, "a fault", Set.of("delay", "abort"));
    List<String> parts = new ArrayList<>();
    file.map(fault.get("delay"), "delay")
        .ifPresent(
            d -> {
              file.onlyKnown(d, "a delay fault", Set.of("fixedDelay", "percentage"));
              Optional<String> delay =
                  IstioValues.duration(file, d.get("fixedDelay"), "fixedDelay");
              if (delay.isEmpty() && d.get("fixedDelay").isEmpty()) {
                file.invalid(d.at(), "`fixedDelay` is required");
              }
              faultPercent(d)
                  .ifPresent(p -> delay.ifPresent(x -> parts.add("delay " + x + " on " + p)));
            });
    file.map(fault.get("abort"), "abort")
        .ifPresent(
            a -> {
              file.onlyKnown(a, "an abort fault", Set.of("httpStatus", "percentage"));
              Optional<Long> status = file.integer(a.get("httpStatus"), "httpStatus", 200, 599);
              if (status.isEmpty() && a.get("httpStatus").isEmpty()) {
                file.invalid(a.at(), "`httpStatus` is required");
              }
              faultPercent(a)
                  .ifPresent(p -> status.ifPresent(s -> parts.add("abort " + s + " on " + p)));
            });
    return parts.isEmpty() ? Optional.empty() : Optional.of("fault " + String.join(", ", parts));
  }

  /** Istio injects a fault into no request when its percentage is absent; so does the import. */
  private Optional<String> faultPercent(Yaml.MapNode fault) {
    Optional<Yaml.MapNode> percentage = file.map(fault.get("percentage"), "percentage");
    if (percentage.isEmpty()) {
      return Optional.of("0%");
    }
    file.onlyKnown(percentage.get(), "percentage", Set.of("value"));
    return file.decimal(percentage.get().get("value"), "percentage.value")
        .flatMap(v -> IstioValues.percent(file, percentage.get().at(), v, "percentage"));
  }

  private void headers(Yaml.MapNode headers, List<String> actions) {
    file.onlyKnown(headers, "headers", Set.of("request", "response"));
    for (String direction : List.of("request", "response")) {
      file.map(headers.get(direction), direction)
          .ifPresent(
              ops -> {
                file.onlyKnown(ops, "headers." + direction, Set.of("set", "add", "remove"));
                for (String op : List.of("set", "add")) {
                  file.map(ops.get(op), op)
                      .ifPresent(
                          m ->
                              m.entries()
                                  .values()
                                  .forEach(
                                      e ->
                                          file.string(Optional.of(e.value()), e.key())
                                              .ifPresent(
                                                  v ->
                                                      actions.add(
                                                          direction
                                                              + " "
                                                              + op
                                                              + " "
                                                              + quote(e.key())
                                                              + " "
                                                              + quote(v)))));
                }
                for (Yaml name : file.list(ops.get("remove"), "remove")) {
                  file.string(Optional.of(name), "remove")
                      .ifPresent(n -> actions.add(direction + " remove " + quote(n)));
                }
              });
    }
  }
}
