package dev.rigging.emitters.kubernetes;

import dev.rigging.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * What {@code rig inject} can add for a mesh: one {@link Injection} per workload of a service, or
 * the reasons (MESH0601) why the mesh cannot run on Kubernetes.
 *
 * @param namespace the namespace the mesh's Services live in, which peers are addressed by
 */
public record Injections(String namespace, List<Injection> workloads, List<Diagnostic> problems) {
  public Injections {
    workloads = List.copyOf(workloads);
    problems = List.copyOf(problems);
  }

  /** Returns the workload of {@code service} at {@code version} (empty for no versions). */
  public Optional<Injection> of(String service, Optional<String> version) {
    return workloads.stream()
        .filter(w -> w.service().equals(service) && w.version().equals(version))
        .findFirst();
  }

  /** Returns the workloads of {@code service}. */
  public List<Injection> ofService(String service) {
    return workloads.stream().filter(w -> w.service().equals(service)).toList();
  }
}
