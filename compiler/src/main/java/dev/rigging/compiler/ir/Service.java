package dev.rigging.compiler.ir;

import dev.rigging.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A checked service: its port, versions, endpoints, policy, the services it calls, its routes and
 * its authz. Each service gets one sidecar proxy, named after the service.
 *
 * @param endpoints endpoints declared outside any version (a service without versions)
 * @param routes the rules of its {@code route} block; when {@code routesDeclared} is false the
 *     compiler has supplied one default rule to the whole service
 * @param calls names of the services it calls, sorted
 */
public record Service(
    String name,
    int port,
    Protocol protocol,
    OptionalInt outboundPort,
    List<Version> versions,
    List<Endpoint> endpoints,
    TrafficPolicy policy,
    List<String> calls,
    List<RouteRule> routes,
    boolean routesDeclared,
    Optional<Authz> authz,
    Span span) {
  public Service {
    versions = List.copyOf(versions);
    endpoints = List.copyOf(endpoints);
    calls = List.copyOf(calls);
    routes = List.copyOf(routes);
  }

  public Optional<Version> version(String versionName) {
    return versions.stream().filter(v -> v.name().equals(versionName)).findFirst();
  }

  /** Returns every endpoint of the service, unversioned ones first, then by version. */
  public List<Endpoint> allEndpoints() {
    var all = new java.util.ArrayList<>(endpoints);
    versions.forEach(v -> all.addAll(v.endpoints()));
    return all;
  }

  /** Returns the endpoints a target of this service reaches. */
  public List<Endpoint> endpointsOf(Target target) {
    return target
        .version()
        .flatMap(this::version)
        .map(Version::endpoints)
        .orElseGet(this::allEndpoints);
  }

  /** Returns the traffic policy for a target: the version's if it names one. */
  public TrafficPolicy policyOf(Target target) {
    return target.version().flatMap(this::version).map(Version::policy).orElse(policy);
  }
}
