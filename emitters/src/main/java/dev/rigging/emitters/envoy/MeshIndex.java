package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What proxies share, computed once per mesh: services by name, and each service's outbound virtual
 * host, which is the same in every caller's route config. Immutable once built, so proxies can be
 * emitted in parallel.
 */
final class MeshIndex {

  /**
   * How callers route to one service.
   *
   * @param virtualHost the virtual host named after the service, with its routes
   * @param hasFault whether any of the routes injects a fault
   * @param targets every cluster target the routes use, forward and mirror
   */
  record Routed(Built virtualHost, boolean hasFault, List<Target> targets) {}

  private final Mesh mesh;
  private final Map<String, Service> services;
  private final Map<String, Routed> routed;

  MeshIndex(Mesh mesh) {
    this.mesh = mesh;
    this.services = new HashMap<>(mesh.services().size() * 2);
    for (var service : mesh.services()) {
      services.put(service.name(), service);
    }
    // Thousands of virtual hosts, each independent of the others: built on every core.
    this.routed =
        mesh.services().parallelStream().collect(Collectors.toMap(Service::name, this::routed));
  }

  Mesh mesh() {
    return mesh;
  }

  /** Returns the service; the checker guarantees every name the IR uses exists. */
  Service service(String name) {
    var service = services.get(name);
    if (service == null) {
      throw new IllegalStateException("the IR refers to unknown service '" + name + "'");
    }
    return service;
  }

  Routed routed(String service) {
    var result = routed.get(service);
    if (result == null) {
      throw new IllegalStateException("the IR refers to unknown service '" + service + "'");
    }
    return result;
  }

  private Routed routed(Service service) {
    String name = service.name();
    String qualified = name + "." + mesh.name();
    // Callers may say "reviews", "reviews:9080", or the mesh-qualified forms.
    var domains =
        List.of(name, name + ":" + service.port(), qualified, qualified + ":" + service.port());
    var host = RouteConfigBuilder.virtualHost(name, domains, service.routes(), service.span());
    return new Routed(host, anyFault(service.routes()), targets(service.routes()));
  }

  static boolean anyFault(List<RouteRule> rules) {
    return rules.stream().anyMatch(RouteRule::hasFault);
  }

  static List<Target> targets(List<RouteRule> rules) {
    var targets = new LinkedHashSet<Target>();
    rules.forEach(rule -> RouteBuilder.targets(rule, targets));
    return new ArrayList<>(targets);
  }
}
