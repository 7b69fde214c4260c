package dev.rigging.compiler.stages;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.MeshFile;
import java.util.Map;

/**
 * Builds the symbol tables. Reports files that name different meshes, names declared twice
 * (pointing at the first declaration too), and — unlike Istio, which merges them silently
 * (istio/istio#37500) — routes for one service written in two files.
 */
final class CollectDeclarations implements Stage {
  @Override
  public String name() {
    return "collect-declarations";
  }

  @Override
  public void run(CompileContext cx) {
    MeshFile first = null;
    for (MeshFile file : cx.files()) {
      if (first == null) {
        first = file;
        cx.meshName = file.mesh().text();
        checkTrustDomain(cx, file);
      } else if (!file.mesh().text().equals(cx.meshName)) {
        cx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.MESH_NAME_MISMATCH,
                        file.mesh().span(),
                        "this file belongs to mesh `"
                            + file.mesh().text()
                            + "`, but `"
                            + first.source().path()
                            + "` belongs to `"
                            + cx.meshName
                            + "`")
                    .label("different mesh")
                    .secondary(first.mesh().span(), "mesh `" + cx.meshName + "` named here")
                    .help("compile each mesh on its own, or name the same mesh in every file"));
      }
      for (Decl decl : file.decls()) {
        switch (decl) {
          case Decl.Service s -> declareWorkload(cx, s);
          case Decl.Gateway g -> declareWorkload(cx, g);
          case Decl.Route r -> declareRoute(cx, r);
          case Decl.Authz a -> declareOnce(cx, cx.authz, a);
        }
      }
    }
  }

  /**
   * The mesh name is the trust domain of every SPIFFE ID ({@code spiffe://<mesh>/<name>}), and the
   * SPIFFE spec allows only lower-case letters, digits, {@code .}, {@code -} and {@code _} there:
   * certificates for {@code mesh Demo} could not be issued or verified.
   */
  private static void checkTrustDomain(CompileContext cx, MeshFile file) {
    String name = file.mesh().text();
    if (name.chars()
        .allMatch(
            c ->
                (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_')) {
      return;
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    cx.diagnostics()
        .add(
            Diagnostic.error(
                    Code.INVALID_MESH_NAME,
                    file.mesh().span(),
                    "mesh name `" + name + "` is not a valid SPIFFE trust domain")
                .label("identities would be spiffe://" + name + "/...")
                .note(
                    "SPIFFE trust domains allow lower-case letters, digits, `.`, `-` and `_` only")
                .suggest(java.util.Optional.of(lower)));
  }

  /** Services and gateways share one namespace: each name is one SPIFFE identity. */
  private static void declareWorkload(CompileContext cx, Decl decl) {
    String name = decl.name().text();
    Decl existing = cx.services.containsKey(name) ? cx.services.get(name) : cx.gateways.get(name);
    if (existing != null) {
      duplicate(cx, decl, existing);
      return;
    }
    switch (decl) {
      case Decl.Service s -> cx.services.put(name, s);
      case Decl.Gateway g -> cx.gateways.put(name, g);
      default -> throw new IllegalArgumentException(decl.keyword());
    }
  }

  private static void declareRoute(CompileContext cx, Decl.Route route) {
    Decl.Route existing = cx.routes.get(route.name().text());
    if (existing == null) {
      cx.routes.put(route.name().text(), route);
    } else if (existing.span().file() != route.span().file()) {
      cx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.ROUTES_IN_TWO_FILES,
                      route.name().span(),
                      "routes for service `" + route.name().text() + "` are defined in two files")
                  .label("second set of routes")
                  .secondary(
                      existing.name().span(),
                      "first set of routes for `" + route.name().text() + "`")
                  .note(
                      "merging them would make rule order depend on file order; Istio merges"
                          + " silently, Rigging refuses")
                  .help("keep all routes of one service in one file, owned by one team"));
    } else {
      duplicate(cx, route, existing);
    }
  }

  private static <D extends Decl> void declareOnce(
      CompileContext cx, Map<String, D> table, D decl) {
    D existing = table.putIfAbsent(decl.name().text(), decl);
    if (existing != null) {
      duplicate(cx, decl, existing);
    }
  }

  private static void duplicate(CompileContext cx, Decl decl, Decl existing) {
    String what = existing.keyword().equals(decl.keyword()) ? decl.keyword() : "name";
    cx.diagnostics()
        .add(
            Diagnostic.error(
                    Code.DUPLICATE_DECLARATION,
                    decl.name().span(),
                    what + " `" + decl.name().text() + "` is declared twice")
                .label("declared again here")
                .secondary(existing.name().span(), "first declared here as a " + existing.keyword())
                .help(
                    existing.keyword().equals(decl.keyword())
                        ? "merge the two declarations, or rename one"
                        : "services and gateways share one namespace of identities; rename one"));
  }
}
