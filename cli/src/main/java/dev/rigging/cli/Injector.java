package dev.rigging.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rigging.emitters.kubernetes.Injection;
import dev.rigging.emitters.kubernetes.Injections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds the mesh's sidecar to the Deployments of a user's YAML, the way {@code istioctl kube-inject}
 * does: for each Deployment of a service of the mesh, the sidecar's containers and volumes are
 * appended and its pod annotations set; every other field, and every other document, is left as it
 * was. Works on Jackson's tree, not on typed models, so fields rig does not know survive.
 */
final class Injector {
  /** Names rig gives its containers and volumes; a Deployment that has them is injected already. */
  private static final Set<String> CONTAINERS = Set.of("envoy", "rigging-proxy", "rigging-agent");

  private static final Set<String> VOLUMES =
      Set.of("rigging-config", "rigging-certs", "rigging-state");

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  /** A problem with the user's input, at a line of their file. */
  static final class InputError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final List<String> help;

    InputError(int line, String message, String... help) {
      super(message);
      this.line = line;
      this.help = List.of(help);
    }
  }

  /**
   * One Deployment that gets the sidecar.
   *
   * @param document its index among the file's documents
   * @param injected the Deployment with the sidecar
   */
  record Injected(int document, String name, Injection injection, ObjectNode injected) {}

  /**
   * What injecting a file did.
   *
   * @param injected the Deployments that got the sidecar
   * @param skipped names and lines of Deployments that belong to no service of the mesh
   */
  record Result(List<Injected> injected, Map<String, Integer> skipped) {}

  private final Injections mesh;
  private final Optional<String> service;

  Injector(Injections mesh, Optional<String> service) {
    this.mesh = mesh;
    this.service = service;
  }

  Result inject(List<YamlDocuments.Document> documents) throws InputError {
    var injected = new ArrayList<Injected>();
    var skipped = new LinkedHashMap<String, Integer>();
    List<Integer> deployments = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      if (isDeployment(documents.get(i).tree())) {
        deployments.add(i);
      }
    }
    if (service.isPresent() && deployments.size() != 1) {
      throw new InputError(
          1,
          "--service names one service, but the file has " + deployments.size() + " Deployments",
          "inject one Deployment per file with --service, or label each pod template with"
              + " `app: <service>`");
    }
    for (int i : deployments) {
      var doc = documents.get(i);
      ObjectNode deployment = (ObjectNode) doc.tree();
      String name = deployment.path("metadata").path("name").asText("");
      JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
      String serviceName = service.orElse(podLabels.path("app").asText(""));
      List<Injection> candidates = mesh.ofService(serviceName);
      if (candidates.isEmpty()) {
        if (service.isPresent()) {
          throw new InputError(
              doc.firstLine(),
              "`" + serviceName + "` is not a service of the mesh",
              "services: " + serviceNames());
        }
        skipped.put(name, doc.firstLine());
        continue;
      }
      Injection injection = pick(candidates, podLabels, name, doc);
      checkNamespace(deployment, name, doc);
      ObjectNode copy = deployment.deepCopy();
      addSidecar(copy, injection, name, doc);
      injected.add(new Injected(i, name, injection, copy));
    }
    if (injected.isEmpty()) {
      throw new InputError(
          1,
          deployments.isEmpty()
              ? "no Deployment (apiVersion apps/v1) in the file"
              : "no Deployment belongs to a service of the mesh",
          "rig inject matches a Deployment to a service by its pod template's label `app`, or"
              + " by --service; services: "
              + serviceNames());
    }
    return new Result(injected, skipped);
  }

  /** Returns the YAML text of a changed document. */
  static String write(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree that cannot be written", e);
    }
  }

  static boolean isDeployment(JsonNode tree) {
    return tree instanceof ObjectNode
        && tree.path("apiVersion").asText("").equals("apps/v1")
        && tree.path("kind").asText("").equals("Deployment");
  }

  /** The workload of the service whose selector labels the pod template carries. */
  private Injection pick(
      List<Injection> candidates, JsonNode podLabels, String name, YamlDocuments.Document doc)
      throws InputError {
    if (candidates.size() == 1 && candidates.get(0).version().isEmpty()) {
      return candidates.get(0);
    }
    List<Injection> matching =
        candidates.stream()
            .filter(
                c ->
                    c.labels().entrySet().stream()
                        .filter(e -> !e.getKey().equals("app"))
                        .allMatch(
                            e -> podLabels.path(e.getKey()).asText("\0").equals(e.getValue())))
            .toList();
    if (matching.size() == 1) {
      return matching.get(0);
    }
    String versions =
        candidates.stream()
            .map(c -> c.version().orElse("") + " " + c.labels())
            .collect(Collectors.joining(", "));
    throw new InputError(
        doc.lineOf("/spec/template/metadata/labels"),
        "the pods of Deployment `"
            + name
            + "` match "
            + (matching.isEmpty() ? "no" : "more than one")
            + " version of `"
            + candidates.get(0).service()
            + "`",
        "give the pod template the labels of one version: " + versions);
  }

  private void checkNamespace(ObjectNode deployment, String name, YamlDocuments.Document doc)
      throws InputError {
    JsonNode ns = deployment.at("/metadata/namespace");
    if (!ns.isMissingNode() && !ns.isNull() && !ns.asText().equals(mesh.namespace())) {
      throw new InputError(
          doc.lineOf("/metadata/namespace"),
          "Deployment `"
              + name
              + "` is in namespace `"
              + ns.asText()
              + "`, the mesh's Services in `"
              + mesh.namespace()
              + "`",
          "pass `--namespace " + ns.asText() + "` if the mesh is deployed there");
    }
  }

  private static void addSidecar(
      ObjectNode deployment, Injection injection, String name, YamlDocuments.Document doc)
      throws InputError {
    JsonNode podSpec = deployment.at("/spec/template/spec");
    if (!(podSpec instanceof ObjectNode spec) || !(spec.get("containers") instanceof ArrayNode)) {
      throw new InputError(
          doc.lineOf("/spec/template"),
          "Deployment `" + name + "` has no `spec.template.spec.containers` list");
    }
    ArrayNode containers = (ArrayNode) spec.get("containers");
    for (JsonNode c : containers) {
      if (CONTAINERS.contains(c.path("name").asText())) {
        throw new InputError(
            doc.lineOf("/spec/template/spec/containers"),
            "Deployment `" + name + "` already has a container `" + c.path("name").asText() + "`",
            "it is injected already; inject the original Deployment");
      }
    }
    JsonNode volumesNode = spec.get("volumes");
    if (volumesNode != null && !(volumesNode instanceof ArrayNode)) {
      throw new InputError(
          doc.lineOf("/spec/template/spec/volumes"),
          "Deployment `" + name + "` has `volumes` that is not a list");
    }
    ArrayNode volumes = volumesNode == null ? spec.putArray("volumes") : (ArrayNode) volumesNode;
    for (JsonNode v : volumes) {
      if (VOLUMES.contains(v.path("name").asText())) {
        throw new InputError(
            doc.lineOf("/spec/template/spec/volumes"),
            "Deployment `" + name + "` already has a volume `" + v.path("name").asText() + "`");
      }
    }
    JsonNode sidecar = sidecarTree(injection);
    sidecar.path("containers").forEach(containers::add);
    sidecar.path("volumes").forEach(volumes::add);
    ObjectNode template = (ObjectNode) deployment.at("/spec/template");
    ObjectNode metadata =
        template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
    ObjectNode annotations =
        metadata.get("annotations") instanceof ObjectNode a ? a : metadata.putObject("annotations");
    injection.podAnnotations().forEach(annotations::put);
  }

  private static JsonNode sidecarTree(Injection injection) {
    try {
      return YAML.readTree(injection.sidecar());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the sidecar template rendered invalid YAML", e);
    }
  }

  private String serviceNames() {
    return mesh.workloads().stream()
        .map(Injection::service)
        .distinct()
        .map(s -> "`" + s + "`")
        .collect(Collectors.joining(", "));
  }
}
