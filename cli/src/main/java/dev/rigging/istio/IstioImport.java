package dev.rigging.istio;

import dev.rigging.compiler.Compilation;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.MeshParser;
import dev.rigging.dsl.ParseResult;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.MeshFile;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates Istio VirtualService, DestinationRule and AuthorizationPolicy resources into one
 * `.mesh` file laid over an existing mesh (the services, from {@code --services}). The file imports
 * the mesh's files, except those declaring a service, route or authz that the import declares anew:
 * their other declarations are copied into the file instead. Whatever has no equivalent is a
 * located diagnostic in the YAML, never dropped.
 */
public final class IstioImport {
  private static final Set<String> NETWORKING =
      Set.of(
          "networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3");
  private static final Set<String> SECURITY =
      Set.of("security.istio.io/v1", "security.istio.io/v1beta1");

  private final Topology topology;
  private final Compilation services;
  private final Diagnostics diagnostics = new Diagnostics();
  private final Map<String, DestinationRuleImport.ServiceBlock> serviceBlocks = new TreeMap<>();
  private final Map<String, VirtualServiceImport.RouteBlock> routeBlocks = new TreeMap<>();
  private final Map<String, List<AuthorizationPolicyImport.Rules>> authz = new TreeMap<>();
  private final List<String> inputs = new ArrayList<>();

  /**
   * @param services the compiled mesh the resources are laid over; must have compiled cleanly
   */
  public IstioImport(Compilation services) {
    this.services = services;
    this.topology = new Topology(services.mesh().orElseThrow());
  }

  /** What the import produced: the file's text when there were no errors, and the diagnostics. */
  public record Result(Optional<String> text, List<Diagnostic> diagnostics) {}

  /** Reads one YAML file (any number of documents) and translates what it holds. */
  public void add(String path, String text) {
    inputs.add(path);
    YamlFile file = new YamlFile(SourceFile.of(path, text), diagnostics);
    Yaml.Documents read = Yaml.documents(text);
    for (Yaml document : read.documents()) {
      file.map(Optional.of(document), "document").ifPresent(d -> resource(file, d));
    }
    read.error().ifPresent(e -> file.invalid(e.at, "invalid YAML: " + e.getMessage()));
  }

  private void resource(YamlFile file, Yaml.MapNode document) {
    String kind = file.string(document.get("kind"), "kind").orElse("");
    String api = file.string(document.get("apiVersion"), "apiVersion").orElse("");
    Yaml.At at = document.get("kind").map(Yaml::at).orElse(document.at());
    Set<String> expected =
        switch (kind) {
          case "VirtualService", "DestinationRule" -> NETWORKING;
          case "AuthorizationPolicy" -> SECURITY;
          default -> null;
        };
    if (expected == null) {
      file.noEquivalent(
          at,
          kind.isEmpty() ? "document has no `kind`" : "`" + kind + "` cannot be imported",
          "rig import istio reads VirtualService, DestinationRule and AuthorizationPolicy");
      return;
    }
    if (!expected.contains(api)) {
      file.invalid(
          document.get("apiVersion").map(Yaml::at).orElse(document.at()),
          "`"
              + kind
              + "` with apiVersion `"
              + api
              + "`: expected one of "
              + String.join(", ", expected.stream().sorted().toList()));
      return;
    }
    file.onlyKnown(document, kind, Set.of("apiVersion", "kind", "metadata", "spec"));
    Optional<Yaml.MapNode> spec = file.map(document.get("spec"), "spec");
    if (spec.isEmpty()) {
      file.invalid(document.at(), "`spec` is required");
      return;
    }
    switch (kind) {
      case "VirtualService" ->
          new VirtualServiceImport(file, topology)
              .translate(spec.get())
              .ifPresent(r -> once(file, routeBlocks, r.service(), r, r.at(), "route"));
      case "DestinationRule" ->
          new DestinationRuleImport(file, topology)
              .translate(spec.get())
              .ifPresent(s -> once(file, serviceBlocks, s.service(), s, s.at(), "DestinationRule"));
      default ->
          new AuthorizationPolicyImport(file, topology)
              .translate(spec.get())
              .ifPresent(r -> authz.computeIfAbsent(r.service(), k -> new ArrayList<>()).add(r));
    }
  }

  /** Istio merges two resources for one host; the language wants one block, so that is an error. */
  private <T> void once(
      YamlFile file, Map<String, T> blocks, String service, T block, Yaml.At at, String what) {
    if (blocks.containsKey(service)) {
      file.noEquivalent(
          at,
          "a second " + what + " for `" + service + "` has no .mesh equivalent",
          "merge them into one resource: the language keeps one block per service");
      return;
    }
    blocks.put(service, block);
  }

  /**
   * Returns the `.mesh` text, importing the mesh's files by paths relative to {@code outDir}, or
   * the diagnostics when anything could not be imported.
   */
  public Result finish(Path outDir) {
    Set<String> declared = new LinkedHashSet<>();
    serviceBlocks.keySet().forEach(s -> declared.add("service " + s));
    routeBlocks.keySet().forEach(s -> declared.add("route " + s));
    authz.keySet().forEach(s -> declared.add("authz " + s));
    List<String> imports = new ArrayList<>();
    List<String> carried = new ArrayList<>();
    MeshParser parser = new MeshParser();
    for (SourceFile source : services.sources()) {
      ParseResult parsed = parser.parse(source);
      MeshFile mesh = parsed.file().orElseThrow();
      boolean replaced =
          mesh.decls().stream()
              .anyMatch(d -> declared.contains(d.keyword() + " " + d.name().text()));
      if (!replaced) {
        imports.add(relative(outDir, source.path()));
        continue;
      }
      if (!mesh.imports().isEmpty()) {
        Span span = mesh.imports().getFirst().span();
        diagnostics.add(
            Diagnostic.error(
                    Code.ISTIO_NO_EQUIVALENT,
                    span,
                    "cannot lay the import over `" + source.path() + "`: it imports other files")
                .label("imports")
                .help("give --services the files themselves, without a file importing them")
                .build());
      }
      for (Decl decl : mesh.decls()) {
        if (!declared.contains(decl.keyword() + " " + decl.name().text())) {
          carried.add(
              "// from " + relative(outDir, source.path()) + "\n" + decl.span().text() + "\n");
        }
      }
    }
    if (diagnostics.hasErrors()) {
      return new Result(Optional.empty(), diagnostics.sorted());
    }
    StringBuilder out = new StringBuilder();
    out.append("// Imported from Istio by `rig import istio`: ")
        .append(String.join(", ", inputs))
        .append('\n');
    out.append(
        "// Not carried over: Istio's implicit retries (2 attempts) where a route sets none.\n");
    out.append("mesh ").append(topology.mesh().name()).append("\n\n");
    imports.forEach(i -> out.append("import ").append(IstioValues.quote(i)).append('\n'));
    out.append('\n');
    carried.forEach(c -> out.append(c).append('\n'));
    serviceBlocks.values().forEach(b -> out.append(b.text()).append('\n'));
    routeBlocks.values().forEach(b -> out.append(b.text()).append('\n'));
    authz.forEach((service, policies) -> out.append(authzBlock(service, policies)).append('\n'));
    return new Result(Optional.of(out.toString()), diagnostics.sorted());
  }

  /** Istio: any ALLOW policy on a workload makes "no match" a denial; otherwise it is allowed. */
  private static String authzBlock(String service, List<AuthorizationPolicyImport.Rules> policies) {
    boolean anyAllow = policies.stream().anyMatch(AuthorizationPolicyImport.Rules::allow);
    StringBuilder out = new StringBuilder("authz " + service + " {\n");
    out.append("  default ").append(anyAllow ? "deny" : "allow").append('\n');
    policies.stream()
        .filter(p -> !p.allow())
        .forEach(p -> p.rules().forEach(r -> out.append("  ").append(r).append('\n')));
    policies.stream()
        .filter(AuthorizationPolicyImport.Rules::allow)
        .forEach(p -> p.rules().forEach(r -> out.append("  ").append(r).append('\n')));
    return out.append("}\n").toString();
  }

  private static String relative(Path outDir, String sourcePath) {
    Path source = Path.of(sourcePath).toAbsolutePath().normalize();
    return outDir.toAbsolutePath().normalize().relativize(source).toString().replace('\\', '/');
  }
}
