package dev.rigging.emitters.kubernetes;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Protocol;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.DocumentKind;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.emitters.SourceMap;
import dev.rigging.source.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders a checked mesh as Kubernetes manifests from FreeMarker templates: per namespace one YAML
 * stream, {@code kubernetes/<namespace>.yaml}, holding the Namespace, then a ServiceAccount per
 * proxy, a ConfigMap per workload (its proxy's compiled configuration), the Services (one per
 * service, one per version, one per gateway), then a Deployment per workload, each kind sorted by
 * name: the order in which {@code kubectl apply} needs them. Same mesh and options, same bytes.
 */
public final class KubernetesEmitter {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private final KubernetesOptions options;
  private final Templates templates;

  public KubernetesEmitter(KubernetesOptions options) {
    this(options, Templates.bundled());
  }

  public KubernetesEmitter(KubernetesOptions options, Templates templates) {
    this.options = Objects.requireNonNull(options, "options");
    this.templates = Objects.requireNonNull(templates, "templates");
  }

  /**
   * Plans and renders the manifests of {@code mesh}, or reports why it cannot run on Kubernetes.
   */
  public KubernetesEmission emit(Mesh mesh) {
    var planner = new Planner(mesh, options);
    List<Workload> workloads = planner.workloads();
    if (!planner.problems().isEmpty()) {
      List<Diagnostic> problems = new ArrayList<>(planner.problems());
      problems.sort(Diagnostic.ORDER);
      return new KubernetesEmission(List.of(), List.of(), List.of(), problems);
    }
    String namespace = planner.namespace();
    String file = "kubernetes/" + namespace + ".yaml";
    var stream = new Stream();

    stream.add(
        templates.render(
            "namespace.ftl",
            Map.of(
                "name", namespace,
                "labels", sorted(Map.of(MANAGED_BY, "rigging")),
                "annotations", sorted(Map.of("rigging.dev/mesh", mesh.name())))),
        null);

    var accounts = new TreeMap<String, Workload>();
    workloads.forEach(w -> accounts.putIfAbsent(w.proxy(), w));
    accounts.forEach(
        (proxy, w) ->
            stream.add(
                templates.render(
                    "service-account.ftl",
                    metadata(
                        proxy,
                        namespace,
                        sorted(Map.of("app", proxy)),
                        sorted(Map.of("rigging.dev/spiffe-id", mesh.spiffeId(proxy))))),
                w.span()));

    var proxyConfigs = new ArrayList<EmittedDocument>();
    var gitopsConfigs = new ArrayList<EmittedDocument>();
    for (Workload w : workloads) {
      if (gitops()) {
        // The agent fetches the configuration from Git: a ConfigMap would be a second, stale copy.
        gitopsConfigs.addAll(gitopsConfigs(w, namespace));
      } else {
        stream.add(configMap(w, namespace), w.span());
        proxyConfigs.addAll(proxyConfigs(w, file));
      }
    }

    for (var service : services(mesh, workloads).entrySet()) {
      stream.add(
          templates.render("service.ftl", service.getValue().model), service.getValue().span);
    }

    for (Workload w : workloads) {
      stream.add(templates.render("deployment.ftl", deployment(w, namespace)), w.span());
    }

    var origins = stream.origins;
    var manifest =
        new EmittedDocument(
            file,
            String.join("---\n", stream.documents),
            DocumentKind.KUBERNETES_MANIFESTS,
            SourceMap.of(null, origins));
    return new KubernetesEmission(
        List.of(manifest), gitops() ? gitopsConfigs : proxyConfigs, gitopsConfigs, List.of());
  }

  /**
   * Returns what {@code rig inject} adds for each workload of a service (gateways have no user
   * Deployment): the sidecar's containers and volumes, the pod annotations, and the ConfigMap with
   * the proxy's configuration for that pod.
   */
  public Injections injections(Mesh mesh) {
    var planner = new Planner(mesh, options);
    List<Workload> workloads = planner.workloads();
    if (!planner.problems().isEmpty()) {
      List<Diagnostic> problems = new ArrayList<>(planner.problems());
      problems.sort(Diagnostic.ORDER);
      return new Injections(planner.namespace(), List.of(), problems);
    }
    String namespace = planner.namespace();
    var out = new ArrayList<Injection>();
    for (Workload w : workloads) {
      if (w.isGateway()) {
        continue;
      }
      var model = deployment(w, namespace);
      @SuppressWarnings("unchecked")
      var annotations = new TreeMap<>((Map<String, String>) model.get("podAnnotations"));
      out.add(
          new Injection(
              w.name(),
              w.proxy(),
              w.version(),
              w.labels(),
              templates.render("sidecar.ftl", model),
              annotations,
              gitops() ? Optional.empty() : Optional.of(configMap(w, namespace)),
              gitops() ? gitopsConfigs(w, namespace) : proxyConfigs(w, "inject"),
              w.span()));
    }
    return new Injections(namespace, out, List.of());
  }

  private String configMap(Workload w, String namespace) {
    var model = metadata(Names.configMap(w.name()), namespace, w.labels(), source(w.span()));
    var files = new TreeMap<String, String>();
    for (EmittedDocument doc : w.envoy()) {
      files.put(doc.path().substring(doc.path().lastIndexOf('/') + 1), doc.content());
    }
    model.put("files", files);
    return templates.render("config-map.ftl", model);
  }

  /** The proxy's documents where the pod's agent finds them in the branch. */
  private static List<EmittedDocument> gitopsConfigs(Workload w, String namespace) {
    String dir = Names.gitopsDirectory(namespace, w.name());
    return w.envoy().stream()
        .map(
            doc ->
                new EmittedDocument(
                    dir + "/" + doc.path(), doc.content(), doc.kind(), doc.origins()))
        .toList();
  }

  private boolean gitops() {
    return options.sidecar() instanceof Sidecar.RiggingGitOps;
  }

  /** The proxy's documents, renamed after the stream and ConfigMap that carry them. */
  private static List<EmittedDocument> proxyConfigs(Workload w, String file) {
    return w.envoy().stream()
        .map(
            doc ->
                new EmittedDocument(
                    file
                        + "#"
                        + Names.configMap(w.name())
                        + doc.path().substring(doc.path().lastIndexOf('/')),
                    doc.content(),
                    doc.kind(),
                    doc.origins()))
        .toList();
  }

  /** The documents of one YAML stream and the span behind each ({@code [i]} in the source map). */
  private static final class Stream {
    final List<String> documents = new ArrayList<>();
    final Map<String, Span> origins = new HashMap<>();

    void add(String yaml, Span span) {
      if (span != null) {
        origins.put("[" + documents.size() + "]", span);
      }
      documents.add(yaml);
    }
  }

  private record ServiceModel(Map<String, Object> model, Span span) {}

  /** The Services: one per service (all its pods), one per version, one per gateway. */
  private SortedMap<String, ServiceModel> services(Mesh mesh, List<Workload> workloads) {
    String namespace = options.namespace().orElse(mesh.name());
    var out = new TreeMap<String, ServiceModel>();
    for (Workload w : workloads) {
      if (w.isGateway()) {
        out.put(w.name(), service(w.name(), namespace, w.labels(), w, "LoadBalancer"));
        continue;
      }
      var whole = sorted(Map.of("app", w.proxy()));
      var service = mesh.service(w.proxy()).orElseThrow();
      out.putIfAbsent(
          w.proxy(), service(w.proxy(), namespace, whole, w, "ClusterIP", service.span()));
      if (!w.name().equals(w.proxy())) {
        out.put(w.name(), service(w.name(), namespace, w.labels(), w, "ClusterIP"));
      }
    }
    return out;
  }

  private ServiceModel service(
      String name, String namespace, SortedMap<String, String> selector, Workload w, String type) {
    return service(name, namespace, selector, w, type, w.span());
  }

  private ServiceModel service(
      String name,
      String namespace,
      SortedMap<String, String> selector,
      Workload w,
      String type,
      Span span) {
    var model = metadata(name, namespace, selector, source(span));
    model.put("type", type);
    model.put("selector", selector);
    model.put("port", w.meshPort());
    model.put("portName", portName(w.protocol()));
    model.put("appProtocol", appProtocol(w.protocol()));
    return new ServiceModel(model, span);
  }

  private Map<String, Object> deployment(Workload w, String namespace) {
    var model = metadata(w.name(), namespace, w.labels(), source(w.span()));
    model.put("selector", w.labels());
    var pod = new TreeMap<String, String>();
    pod.put("rigging.dev/proxy", w.proxy());
    switch (options.sidecar()) {
      case Sidecar.Envoy e -> {
        // Envoy reads its bootstrap once: a new configuration has to roll the pods.
        pod.put("rigging.dev/config-hash", configHash(w));
        model.put("sidecar", "envoy");
      }
      case Sidecar.Rigging r -> {
        // A ConfigMap volume changes in place only eventually, and the proxy is not told to
        // reload: the hash in the pod template rolls the pods when the configuration changes.
        pod.put("rigging.dev/config-hash", configHash(w));
        model.put("sidecar", "rigging");
      }
      case Sidecar.RiggingGitOps g -> {
        // No hash: the agent hot-reloads, so applying new manifests must not restart the pods.
        model.put("sidecar", "rigging-gitops");
        model.put("gitopsRepo", g.repo());
        model.put("gitopsBranch", g.branch());
        model.put(
            "gitopsPath",
            g.path().isEmpty()
                ? Names.gitopsDirectory(namespace, w.name())
                : g.path() + "/" + Names.gitopsDirectory(namespace, w.name()));
        model.put("configRoot", Names.GITOPS_CONFIG_ROOT);
        model.put("stateDir", Names.GITOPS_STATE_DIR);
        model.put("agentPort", Names.AGENT_PORT);
      }
    }
    model.put("podAnnotations", pod);
    model.put("serviceAccount", w.proxy());
    w.app().ifPresent(app -> model.put("app", Map.of("image", app.image(), "port", app.port())));
    model.put("proxy", w.proxy());
    model.put("adminPort", Names.ADMIN_PORT);
    model.put("sidecarImage", options.sidecar().image());
    model.put("meshPort", w.meshPort());
    model.put("portName", portName(w.protocol()));
    model.put("configDir", Names.CONFIG_DIR);
    model.put("certDir", Names.CERT_DIR);
    model.put("configMap", Names.configMap(w.name()));
    model.put("certSecret", Names.certSecret(w.proxy()));
    return model;
  }

  private static Map<String, Object> metadata(
      String name,
      String namespace,
      SortedMap<String, String> labels,
      SortedMap<String, String> annotations) {
    var all = new TreeMap<>(labels);
    all.put(MANAGED_BY, "rigging");
    var model = new LinkedHashMap<String, Object>();
    model.put("name", name);
    model.put("namespace", namespace);
    model.put("labels", all);
    model.put("annotations", annotations);
    return model;
  }

  private static SortedMap<String, String> source(Span span) {
    return sorted(Map.of("rigging.dev/source", span.location()));
  }

  private static SortedMap<String, String> sorted(Map<String, String> map) {
    return new TreeMap<>(map);
  }

  /** The Service port's name, which tells Kubernetes (and meshes) the protocol. */
  private static String portName(Protocol protocol) {
    return switch (protocol) {
      case HTTP -> "http";
      case HTTP2 -> "http2";
      case GRPC -> "grpc";
    };
  }

  private static String appProtocol(Protocol protocol) {
    return switch (protocol) {
      case HTTP -> "http";
      case HTTP2, GRPC -> "kubernetes.io/h2c";
    };
  }

  private static String configHash(Workload w) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      for (EmittedDocument doc : w.envoy()) {
        digest.update(doc.path().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(doc.content().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
