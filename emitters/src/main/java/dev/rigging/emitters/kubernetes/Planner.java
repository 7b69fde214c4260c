package dev.rigging.emitters.kubernetes;

import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Gateway;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Version;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.emitters.envoy.EnvoyEmitter;
import dev.rigging.emitters.envoy.EnvoyOptions;
import dev.rigging.emitters.envoy.Network;
import dev.rigging.emitters.envoy.ProxyEmission;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides the workloads of a mesh on Kubernetes and checks that the mesh can run there: names that
 * Kubernetes accepts, and for each version (or service without versions) one port the app listens
 * on, since each pod runs one instance of the app.
 *
 * <p>Every pod gets the proxy configuration compiled for it: inbound and gateway listeners on every
 * interface, peers reached through their Services' DNS names, and the app behind the inbound
 * listener at {@code 127.0.0.1:<port>} of its own pod; the instances of other versions are not in
 * this pod, so their inbound clusters are left without endpoints (callers reach a version through
 * its own Service, which selects only its pods).
 */
final class Planner {
  static final String LOOPBACK = "127.0.0.1";

  private final Mesh mesh;
  private final KubernetesOptions options;
  private final String namespace;
  private final EnvoyOptions envoyOptions;
  private final List<Diagnostic> problems = new ArrayList<>();

  Planner(Mesh mesh, KubernetesOptions options) {
    this.mesh = mesh;
    this.options = options;
    this.namespace = options.namespace().orElse(mesh.name());
    this.envoyOptions =
        new EnvoyOptions(
            options.sidecar() instanceof Sidecar.RiggingGitOps
                ? Names.GITOPS_CONFIG_ROOT + "/{proxy}"
                : Names.CONFIG_DIR,
            Names.CERT_DIR,
            new Network.KubernetesDns(namespace, options.clusterDomain()));
  }

  String namespace() {
    return namespace;
  }

  /** Problems found while planning; when there are any, the workloads must not be rendered. */
  List<Diagnostic> problems() {
    return problems;
  }

  /** Returns the workloads, sorted by name. */
  List<Workload> workloads() {
    if (options.namespace().isEmpty() && !Names.isDnsLabel(mesh.name())) {
      Span at = firstSpan();
      problems.add(
          Diagnostic.error(
                  Code.NOT_DEPLOYABLE_TO_KUBERNETES,
                  at,
                  "mesh `" + mesh.name() + "` cannot name a Kubernetes namespace")
              .label("in this mesh")
              .note("a namespace is at most 63 lowercase letters, digits and `-`")
              .help("choose the namespace with `--namespace <name>`")
              .build());
    }
    checkUniqueNames();
    Map<String, ProxyEmission> shared = byProxy(mesh);
    var workloads = new ArrayList<Workload>();
    for (Service service : mesh.services()) {
      if (!checkName(service.name(), service.span(), "service")) {
        continue;
      }
      if (service.versions().isEmpty()) {
        appPort(service.endpoints(), service.span(), "service `" + service.name() + "`")
            .ifPresent(port -> workloads.add(workload(service, Optional.empty(), port)));
      } else {
        if (!service.endpoints().isEmpty()) {
          problems.add(
              Diagnostic.error(
                      Code.NOT_DEPLOYABLE_TO_KUBERNETES,
                      service.endpoints().get(0).span(),
                      "service `"
                          + service.name()
                          + "` has versions and also endpoints outside them")
                  .label("in no version")
                  .note(
                      "on Kubernetes every pod belongs to one version's Deployment; an"
                          + " instance in no version would have none")
                  .help("move the endpoint into a version")
                  .build());
        }
        for (Version version : service.versions()) {
          String name = Names.workload(service.name(), Optional.of(version.name()));
          if (!checkName(name, version.span(), "version")) {
            continue;
          }
          appPort(version.endpoints(), version.span(), "version `" + name + "`")
              .ifPresent(port -> workloads.add(workload(service, Optional.of(version), port)));
        }
      }
    }
    for (Gateway gateway : mesh.gateways()) {
      if (checkName(gateway.name(), gateway.span(), "gateway")) {
        List<EmittedDocument> envoy = shared.get(gateway.name()).emit();
        checkConfigSize(gateway.name(), envoy, gateway.span());
        workloads.add(
            new Workload(
                gateway.name(),
                gateway.name(),
                new TreeMap<>(Map.of("app", gateway.name())),
                Optional.empty(),
                gateway.port(),
                gateway.protocol(),
                envoy,
                gateway.span()));
      }
    }
    workloads.sort((a, b) -> a.name().compareTo(b.name()));
    return workloads;
  }

  private Workload workload(Service service, Optional<Version> version, int appPort) {
    var labels = new TreeMap<String, String>();
    version.ifPresent(v -> labels.putAll(v.labels()));
    checkLabels(service, version, labels);
    labels.put("app", service.name());
    version.ifPresent(v -> labels.putIfAbsent("version", v.name()));
    String image = options.image(service.name(), version.map(Version::name));
    Mesh pod = podMesh(service, version, appPort);
    List<EmittedDocument> envoy =
        byProxy(EnvoyEmitter.sidecarView(pod, service.name())).get(service.name()).emit();
    String name = Names.workload(service.name(), version.map(Version::name));
    checkConfigSize(name, envoy, version.map(Version::span).orElse(service.span()));
    return new Workload(
        name,
        service.name(),
        labels,
        Optional.of(new Workload.App(image, appPort)),
        service.port(),
        service.protocol(),
        envoy,
        version.map(Version::span).orElse(service.span()));
  }

  /**
   * The mesh as the proxy of one pod sees it: its own app at 127.0.0.1:{@code appPort}, the
   * instances of other versions elsewhere (reached through their own pods).
   */
  private Mesh podMesh(Service service, Optional<Version> version, int appPort) {
    Span at =
        version
            .map(v -> v.endpoints().get(0).span())
            .orElseGet(() -> service.endpoints().get(0).span());
    List<Endpoint> local = List.of(new Endpoint(LOOPBACK, appPort, at));
    List<Version> versions =
        service.versions().stream()
            .map(
                v ->
                    new Version(
                        v.name(),
                        v.labels(),
                        version.filter(mine -> mine.name().equals(v.name())).isPresent()
                            ? local
                            : List.of(),
                        v.policy(),
                        v.span()))
            .toList();
    var rewritten =
        new Service(
            service.name(),
            service.port(),
            service.protocol(),
            service.outboundPort(),
            versions,
            version.isPresent() ? List.of() : local,
            service.policy(),
            service.calls(),
            service.routes(),
            service.routesDeclared(),
            service.authz(),
            service.span());
    List<Service> services =
        mesh.services().stream().map(s -> s.name().equals(service.name()) ? rewritten : s).toList();
    return new Mesh(mesh.name(), services, mesh.gateways(), mesh.inputs());
  }

  private Map<String, ProxyEmission> byProxy(Mesh m) {
    return new EnvoyEmitter(envoyOptions)
        .proxies(m).stream().collect(Collectors.toMap(ProxyEmission::proxy, Function.identity()));
  }

  /** Returns the one port the app of a pod listens on: the port all its endpoints share. */
  private Optional<Integer> appPort(List<Endpoint> endpoints, Span owner, String what) {
    if (endpoints.isEmpty()) {
      problems.add(
          Diagnostic.error(
                  Code.NOT_DEPLOYABLE_TO_KUBERNETES,
                  owner,
                  what + " has no endpoint, so the port its app listens on is unknown")
              .label("no endpoint")
              .note(
                  "on Kubernetes each pod runs one app instance; its endpoints' port is the"
                      + " app's container port")
              .help("add `endpoint 127.0.0.1:<app port>`")
              .build());
      return Optional.empty();
    }
    for (Endpoint endpoint : endpoints) {
      if (!isLoopback(endpoint.host())) {
        problems.add(
            Diagnostic.error(
                    Code.NOT_DEPLOYABLE_TO_KUBERNETES,
                    endpoint.span(),
                    "endpoint `" + endpoint.address() + "` of " + what + " is not on loopback")
                .label("not 127.0.0.1, ::1 or localhost")
                .note(
                    "on Kubernetes the app runs in the pod beside its sidecar, which reaches it"
                        + " at 127.0.0.1; an instance elsewhere cannot be part of the Deployment")
                .help("write `endpoint 127.0.0.1:<app port>`")
                .build());
        return Optional.empty();
      }
    }
    int port = endpoints.get(0).port();
    for (Endpoint other : endpoints.subList(1, endpoints.size())) {
      if (other.port() != port) {
        problems.add(
            Diagnostic.error(
                    Code.NOT_DEPLOYABLE_TO_KUBERNETES,
                    other.span(),
                    what + " has endpoints on different ports, " + port + " and " + other.port())
                .label("port " + other.port())
                .secondary(endpoints.get(0).span(), "port " + port)
                .note(
                    "on Kubernetes each pod runs one app instance on one port; replicas come"
                        + " from the Deployment, not from endpoints")
                .help("give every endpoint of " + what + " the same port")
                .build());
        return Optional.empty();
      }
    }
    return Optional.of(port);
  }

  /**
   * Services, versions and gateways all become Services and Deployments of one namespace, so {@code
   * service a-b} and version {@code b} of {@code service a} would collide.
   */
  private void checkUniqueNames() {
    var seen = new java.util.HashMap<String, Span>();
    for (Service service : mesh.services()) {
      claim(seen, service.name(), service.span());
      for (Version version : service.versions()) {
        claim(seen, service.name() + "-" + version.name(), version.span());
      }
    }
    for (Gateway gateway : mesh.gateways()) {
      claim(seen, gateway.name(), gateway.span());
    }
  }

  private void claim(Map<String, Span> seen, String name, Span span) {
    Span first = seen.putIfAbsent(name, span);
    if (first != null) {
      problems.add(
          Diagnostic.error(
                  Code.NOT_DEPLOYABLE_TO_KUBERNETES,
                  span,
                  "two Kubernetes Services and Deployments would be named `" + name + "`")
              .label("named `" + name + "` on Kubernetes")
              .secondary(first, "so is this")
              .note("a version's objects are named `<service>-<version>`")
              .help("rename one of them")
              .build());
    }
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
  }

  /** Kubernetes stores a ConfigMap in etcd as one value of at most 1 MiB. */
  static final int CONFIG_MAP_LIMIT = 1024 * 1024;

  private void checkConfigSize(String workload, List<EmittedDocument> envoy, Span span) {
    long bytes =
        envoy.stream()
            .mapToLong(d -> d.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
            .sum();
    if (bytes > CONFIG_MAP_LIMIT) {
      problems.add(
          Diagnostic.error(
                  Code.NOT_DEPLOYABLE_TO_KUBERNETES,
                  span,
                  "the proxy configuration of `"
                      + workload
                      + "` is "
                      + bytes
                      + " bytes, more than the 1 MiB a ConfigMap can hold")
              .label("for this workload")
              .help("split the mesh, or have this service call fewer services")
              .build());
    }
  }

  private boolean checkName(String name, Span span, String what) {
    if (Names.isServiceName(name)) {
      return true;
    }
    problems.add(
        Diagnostic.error(
                Code.NOT_DEPLOYABLE_TO_KUBERNETES,
                span,
                "`" + name + "` cannot name a Kubernetes Service")
            .label(what + " name")
            .note(
                "Kubernetes Service and Deployment names are at most 63 lowercase letters,"
                    + " digits and `-`, starting with a letter; a version's objects are named"
                    + " `<service>-<version>`")
            .help("rename the " + what + " in lowercase, with `-` instead of `_`")
            .build());
    return false;
  }

  private void checkLabels(
      Service service, Optional<Version> version, SortedMap<String, String> labels) {
    Span at = version.map(Version::span).orElse(service.span());
    labels.forEach(
        (key, value) -> {
          String problem =
              !Names.isLabelKey(key)
                  ? "label key `" + key + "` is not a Kubernetes label key"
                  : !Names.isLabelValue(value)
                      ? "label `" + key + ": \"" + value + "\"` has a value Kubernetes refuses"
                      : key.equals("app") && !value.equals(service.name())
                          ? "label `app` must be the service's name, `" + service.name() + "`"
                          : null;
          if (problem != null) {
            problems.add(
                Diagnostic.error(Code.NOT_DEPLOYABLE_TO_KUBERNETES, at, problem)
                    .label("in these labels")
                    .note(
                        "a label value is at most 63 letters, digits, `-`, `_` and `.`,"
                            + " starting and ending with a letter or digit; rig sets `app` itself")
                    .build());
          }
        });
  }

  private Span firstSpan() {
    if (!mesh.services().isEmpty()) {
      return mesh.services().get(0).span();
    }
    return mesh.gateways().get(0).span();
  }
}
