package dev.rigging.emitters.kubernetes;

import dev.rigging.emitters.EmittedDocument;
import dev.rigging.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What {@code rig inject} adds to a user's Deployment of one workload.
 *
 * @param workload {@code <service>-<version>}, or the service's name when it has no versions
 * @param service the service, whose proxy the sidecar is
 * @param version the version the pods run, if the service has versions
 * @param labels the pod labels by which the mesh's Services select the workload's pods
 * @param sidecar YAML with two lists to append: {@code containers} and {@code volumes}
 * @param podAnnotations annotations to set on the pod template
 * @param configMap the YAML of the ConfigMap holding the proxy's configuration for these pods;
 *     empty for a GitOps sidecar, whose agent fetches it from Git
 * @param proxyConfigs the Envoy documents of these pods (in the ConfigMap, or where the agent finds
 *     them in the branch), to validate
 * @param span the {@code .mesh} text the workload comes from
 */
public record Injection(
    String workload,
    String service,
    Optional<String> version,
    SortedMap<String, String> labels,
    String sidecar,
    SortedMap<String, String> podAnnotations,
    Optional<String> configMap,
    List<EmittedDocument> proxyConfigs,
    Span span) {}
