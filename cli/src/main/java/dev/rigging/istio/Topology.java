package dev.rigging.istio;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Version;
import dev.rigging.diag.Code;
import dev.rigging.diag.Suggest;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The mesh the imported Istio configuration is laid over (from {@code --services}): which services,
 * versions and workload identities exist, so that hosts, subsets and principals resolve, with a
 * suggestion when they do not.
 */
record Topology(Mesh mesh) {
  Optional<Service> service(String name) {
    return mesh.service(name);
  }

  /** Returns the service a host names, reporting MESH0703 when there is none. */
  Optional<Service> resolveHost(YamlFile file, Yaml.At at, String host) {
    String name = IstioValues.serviceOfHost(host);
    Optional<Service> service = service(name);
    if (service.isEmpty()) {
      file.report(
          file.error(
                  Code.ISTIO_UNKNOWN_REFERENCE,
                  at,
                  "host `" + host + "` names no service of mesh `" + mesh.name() + "`")
              .label("unknown service `" + name + "`")
              .suggest(Suggest.nearest(name, mesh.services().stream().map(Service::name).toList()))
              .help(
                  "declare the service (its port and endpoints) in the files given with"
                      + " --services"));
    }
    return service;
  }

  /** Returns whether {@code service} has {@code subset} as a version, reporting MESH0703 if not. */
  boolean resolveSubset(YamlFile file, Yaml.At at, Service service, String subset) {
    if (service.version(subset).isPresent()) {
      return true;
    }
    List<String> versions = service.versions().stream().map(Version::name).toList();
    file.report(
        file.error(
                Code.ISTIO_UNKNOWN_REFERENCE,
                at,
                "`" + service.name() + "` has no version `" + subset + "`")
            .label("unknown subset")
            .suggest(Suggest.nearest(subset, versions))
            .note(
                "versions of `"
                    + service.name()
                    + "`: "
                    + (versions.isEmpty() ? "none" : String.join(", ", versions)))
            .help("declare the version with its endpoints in service `" + service.name() + "`"));
    return false;
  }

  /** Every name a caller can have: services and gateways. */
  TreeSet<String> workloads() {
    TreeSet<String> names = new TreeSet<>();
    mesh.services().forEach(s -> names.add(s.name()));
    mesh.gateways().forEach(g -> names.add(g.name()));
    return names;
  }
}
