package dev.rigging.diff;

import static dev.rigging.diff.IrText.code;

import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Gateway;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The semantic diff of two compiled revisions of one mesh: what changes for traffic, in the order
 * services, gateways. Everything is compared on the IR, never on text, so reformatting, reordering
 * declarations, moving a block to another file or renaming a file changes nothing. A mesh absent at
 * one revision compares as an empty one: everything in the other is added or removed.
 */
public final class MeshDiff {
  private final List<Change> changes = new ArrayList<>();

  private MeshDiff() {}

  /** Returns the changes from {@code base} to {@code head}, empty when traffic is unaffected. */
  public static List<Change> compare(Optional<Mesh> base, Optional<Mesh> head) {
    MeshDiff diff = new MeshDiff();
    diff.meshes(base, head);
    return List.copyOf(diff.changes);
  }

  private void meshes(Optional<Mesh> base, Optional<Mesh> head) {
    String baseName = base.map(Mesh::name).orElse(null);
    String headName = head.map(Mesh::name).orElse(null);
    if (baseName != null && headName != null && !baseName.equals(headName)) {
      add(
          "mesh",
          Change.Kind.CHANGED,
          "mesh name (the SPIFFE trust domain of every identity): "
              + code(baseName)
              + " → "
              + code(headName));
    }
    SortedSet<String> identities = new TreeSet<>();
    for (Optional<Mesh> mesh : List.of(base, head)) {
      mesh.ifPresent(
          m -> {
            m.services().forEach(s -> identities.add(s.name()));
            m.gateways().forEach(g -> identities.add(g.name()));
          });
    }
    Map<String, Service> before = byName(base.map(Mesh::services).orElse(List.of()), Service::name);
    Map<String, Service> after = byName(head.map(Mesh::services).orElse(List.of()), Service::name);
    for (String name : union(before.keySet(), after.keySet())) {
      service(
          name,
          Optional.ofNullable(before.get(name)),
          Optional.ofNullable(after.get(name)),
          identities);
    }
    Map<String, Gateway> gwBefore =
        byName(base.map(Mesh::gateways).orElse(List.of()), Gateway::name);
    Map<String, Gateway> gwAfter =
        byName(head.map(Mesh::gateways).orElse(List.of()), Gateway::name);
    for (String name : union(gwBefore.keySet(), gwAfter.keySet())) {
      gateway(name, gwBefore.get(name), gwAfter.get(name));
    }
  }

  private void service(
      String name, Optional<Service> base, Optional<Service> head, SortedSet<String> identities) {
    String scope = "service " + name;
    if (base.isEmpty() || head.isEmpty()) {
      Service s = base.or(() -> head).orElseThrow();
      String versions =
          s.versions().isEmpty()
              ? ""
              : ", versions "
                  + s.versions().stream().map(Version::name).collect(Collectors.joining(", "));
      add(
          scope,
          base.isEmpty() ? Change.Kind.ADDED : Change.Kind.REMOVED,
          "service "
              + code(name)
              + (base.isEmpty() ? " added" : " removed")
              + " (port "
              + s.port()
              + versions
              + ")");
    } else {
      serviceShape(scope, base.get(), head.get());
    }
    List<dev.rigging.compiler.ir.RouteRule> noRules = List.of();
    if (base.isPresent() && head.isPresent()) {
      new RulesDiff("route " + name, name, changes)
          .compare(base.get().routes(), head.get().routes());
    } else if (head.isPresent() && head.get().routesDeclared()) {
      new RulesDiff("route " + name, name, changes).compare(noRules, head.get().routes());
    } else if (base.isPresent() && base.get().routesDeclared()) {
      new RulesDiff("route " + name, name, changes).compare(base.get().routes(), noRules);
    }
    AuthzDiff.compare(
        name, base.flatMap(Service::authz), head.flatMap(Service::authz), identities, changes);
  }

  private void serviceShape(String scope, Service a, Service b) {
    String name = a.name();
    if (a.port() != b.port() || a.protocol() != b.protocol()) {
      add(
          scope,
          Change.Kind.CHANGED,
          "port: "
              + code(a.port() + " " + a.protocol().keyword())
              + " → "
              + code(b.port() + " " + b.protocol().keyword()));
    }
    if (!a.outboundPort().equals(b.outboundPort())) {
      add(
          scope,
          Change.Kind.CHANGED,
          "outbound port: " + text(a.outboundPort()) + " → " + text(b.outboundPort()));
    }
    for (String callee : b.calls()) {
      if (!a.calls().contains(callee)) {
        add(
            scope,
            Change.Kind.ADDED,
            code(name) + " can now reach " + code(callee) + " through its sidecar");
      }
    }
    for (String callee : a.calls()) {
      if (!b.calls().contains(callee)) {
        add(
            scope,
            Change.Kind.REMOVED,
            code(name) + " can no longer reach " + code(callee) + " through its sidecar");
      }
    }
    endpoints(scope, code(name), a.endpoints(), b.endpoints());
    List<String> servicePolicy = PolicyDiff.lines(a.policy(), b.policy());
    servicePolicy.forEach(line -> add(scope, Change.Kind.CHANGED, code(name) + " " + line));
    Map<String, Version> before = byName(a.versions(), Version::name);
    Map<String, Version> after = byName(b.versions(), Version::name);
    for (String version : union(before.keySet(), after.keySet())) {
      Version x = before.get(version);
      Version y = after.get(version);
      String who = code(name + " " + version);
      if (x == null || y == null) {
        Version v = x == null ? y : x;
        add(
            scope,
            x == null ? Change.Kind.ADDED : Change.Kind.REMOVED,
            "version "
                + who
                + (x == null ? " added" : " removed")
                + " ("
                + endpointsText(v.endpoints())
                + ")");
        continue;
      }
      if (!x.labels().equals(y.labels())) {
        add(
            scope,
            Change.Kind.CHANGED,
            who + " labels: " + code(x.labels().toString()) + " → " + code(y.labels().toString()));
      }
      endpoints(scope, who, x.endpoints(), y.endpoints());
      // A service-level change already reported is not repeated for each version inheriting it.
      PolicyDiff.lines(x.policy(), y.policy()).stream()
          .filter(line -> !servicePolicy.contains(line))
          .forEach(line -> add(scope, Change.Kind.CHANGED, who + " " + line));
    }
  }

  private void endpoints(String scope, String who, List<Endpoint> a, List<Endpoint> b) {
    SortedSet<String> x = addresses(a);
    SortedSet<String> y = addresses(b);
    if (!x.equals(y)) {
      add(
          scope,
          Change.Kind.CHANGED,
          who + " endpoints: " + endpointsText(a) + " → " + endpointsText(b));
    }
  }

  private static SortedSet<String> addresses(List<Endpoint> endpoints) {
    return endpoints.stream().map(Endpoint::address).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String endpointsText(List<Endpoint> endpoints) {
    return endpoints.isEmpty()
        ? "no endpoints"
        : addresses(endpoints).stream().map(IrText::code).collect(Collectors.joining(", "));
  }

  private void gateway(String name, Gateway a, Gateway b) {
    String scope = "gateway " + name;
    if (a == null || b == null) {
      Gateway g = a == null ? b : a;
      add(
          scope,
          a == null ? Change.Kind.ADDED : Change.Kind.REMOVED,
          "gateway "
              + code(name)
              + (a == null ? " added" : " removed")
              + " (port "
              + g.port()
              + ", hosts "
              + String.join(", ", g.hosts())
              + ")");
      new RulesDiff(scope, name, changes)
          .compare(a == null ? List.of() : a.rules(), b == null ? List.of() : b.rules());
      return;
    }
    if (a.port() != b.port() || a.protocol() != b.protocol()) {
      add(
          scope,
          Change.Kind.CHANGED,
          "port: "
              + code(a.port() + " " + a.protocol().keyword())
              + " → "
              + code(b.port() + " " + b.protocol().keyword()));
    }
    if (!new TreeSet<>(a.hosts()).equals(new TreeSet<>(b.hosts()))) {
      add(
          scope,
          Change.Kind.CHANGED,
          "hosts: "
              + code(String.join(", ", a.hosts()))
              + " → "
              + code(String.join(", ", b.hosts())));
    }
    new RulesDiff(scope, name, changes).compare(a.rules(), b.rules());
  }

  private static String text(java.util.OptionalInt port) {
    return port.isPresent() ? code(String.valueOf(port.getAsInt())) : "none";
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> map = new TreeMap<>();
    items.forEach(item -> map.put(name.apply(item), item));
    return map;
  }

  private static SortedSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    SortedSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private void add(String scope, Change.Kind kind, String text) {
    changes.add(new Change(scope, kind, text));
  }
}
