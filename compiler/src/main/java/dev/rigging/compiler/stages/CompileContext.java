package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.MeshFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the stages share: the parsed files, the diagnostics, the symbol tables that {@link
 * CollectDeclarations} fills (first declaration of each name wins; later ones have been reported),
 * and finally the lowered mesh.
 */
public final class CompileContext {
  private final List<MeshFile> files;
  private final List<Mesh.Input> inputs;
  private final Diagnostics diagnostics;
  private final Values values;

  String meshName;
  final Map<String, Decl.Service> services = new TreeMap<>();
  final Map<String, Decl.Gateway> gateways = new TreeMap<>();
  final Map<String, Decl.Route> routes = new TreeMap<>();
  final Map<String, Decl.Authz> authz = new TreeMap<>();
  final Map<String, ServiceShape> shapes = new TreeMap<>();
  final Map<String, GatewayShape> gatewayShapes = new TreeMap<>();
  final Map<dev.rigging.dsl.ast.Destination, dev.rigging.compiler.ir.Target> targets =
      new java.util.HashMap<>();
  final Map<String, List<dev.rigging.compiler.ir.RouteRule>> routeRules = new TreeMap<>();
  final Map<String, List<dev.rigging.compiler.ir.RouteRule>> gatewayRules = new TreeMap<>();
  final Map<String, dev.rigging.compiler.ir.Authz> checkedAuthz = new TreeMap<>();
  private Mesh mesh;

  public CompileContext(List<MeshFile> files, List<Mesh.Input> inputs, Diagnostics diagnostics) {
    this.files = List.copyOf(files);
    this.inputs = List.copyOf(inputs);
    this.diagnostics = diagnostics;
    this.values = new Values(diagnostics);
  }

  public List<MeshFile> files() {
    return files;
  }

  List<Mesh.Input> inputs() {
    return inputs;
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }

  Values values() {
    return values;
  }

  private java.util.SortedSet<String> identities;

  /**
   * Returns the services and gateways by name: every workload identity of the mesh. Computed once,
   * on first use after {@link CollectDeclarations} has filled the tables.
   */
  java.util.SortedSet<String> identities() {
    if (identities == null) {
      var all = new java.util.TreeSet<>(services.keySet());
      all.addAll(gateways.keySet());
      identities = java.util.Collections.unmodifiableSortedSet(all);
    }
    return identities;
  }

  void setMesh(Mesh lowered) {
    this.mesh = lowered;
  }

  public Optional<Mesh> mesh() {
    return Optional.ofNullable(mesh);
  }
}
