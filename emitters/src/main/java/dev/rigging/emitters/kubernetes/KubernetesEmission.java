package dev.rigging.emitters.kubernetes;

import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.EmittedDocument;
import java.util.List;

/**
 * What the Kubernetes emitter made of a mesh.
 *
 * @param manifests one YAML stream per namespace, {@code kubernetes/<namespace>.yaml}; empty when
 *     there are problems
 * @param proxyConfigs the Envoy documents inside the ConfigMaps, to validate like any Envoy output;
 *     each path reads {@code kubernetes/<namespace>.yaml#<config map>/<file>}
 * @param gitopsConfigs for a GitOps sidecar, the Envoy documents each pod's agent follows, to write
 *     beside the manifests: {@code kubernetes/<namespace>/<workload>/envoy/<proxy>/<file>};
 *     otherwise empty
 * @param problems why the mesh cannot run on Kubernetes (MESH0601), sorted
 */
public record KubernetesEmission(
    List<EmittedDocument> manifests,
    List<EmittedDocument> proxyConfigs,
    List<EmittedDocument> gitopsConfigs,
    List<Diagnostic> problems) {
  public KubernetesEmission {
    manifests = List.copyOf(manifests);
    proxyConfigs = List.copyOf(proxyConfigs);
    gitopsConfigs = List.copyOf(gitopsConfigs);
    problems = List.copyOf(problems);
  }
}
