package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.emitters.EmittedDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Emits Envoy v3 configuration for a checked mesh: for every service a sidecar proxy and for every
 * gateway a proxy, each named after what it serves, each as {@code envoy/<proxy>/}{@code
 * bootstrap.json}, {@code listeners.json}, {@code clusters.json} and {@code routes.json}. See
 * {@code emitters/README.md} for the layout.
 */
public final class EnvoyEmitter {
  private final EnvoyOptions options;

  public EnvoyEmitter(EnvoyOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Returns the documents of every proxy, proxies sorted by name, each proxy's documents in the
   * order bootstrap, listeners, clusters, routes. The output depends only on the mesh and the
   * options, byte for byte.
   */
  public List<EmittedDocument> emit(Mesh mesh) {
    var documents = new ArrayList<EmittedDocument>();
    emit(mesh, documents::add);
    return documents;
  }

  /**
   * Hands the documents to {@code sink} one by one, in the order {@link #emit(Mesh)} returns them,
   * from the calling thread. A caller that writes each document and drops it keeps no more than a
   * few proxies' text in memory: for a large mesh that is hundreds of megabytes less to hold and
   * for the garbage collector to copy.
   */
  public void emit(Mesh mesh, Consumer<? super EmittedDocument> sink) {
    Objects.requireNonNull(sink, "sink");
    var jobs = proxies(mesh);
    // Proxies are independent and everything shared is read-only, so they are built in
    // parallel, in batches so that the sink sees them in order without waiting for all.
    for (int from = 0; from < jobs.size(); from += BATCH) {
      jobs.subList(from, Math.min(from + BATCH, jobs.size())).parallelStream()
          .map(ProxyEmission::emit)
          .toList()
          .forEach(documents -> documents.forEach(sink));
    }
  }

  /**
   * Returns one unit of work per proxy, sorted by proxy name; each emits that proxy's documents,
   * the same ones {@link #emit(Mesh)} returns for it, when called from any thread. For callers that
   * process proxies in parallel and want nothing held beyond the proxies in flight.
   */
  public List<ProxyEmission> proxies(Mesh mesh) {
    var index = new MeshIndex(mesh);
    var proxies = new ProxyBuilder(index, options);
    var assembler = new DocumentAssembler(options);
    var jobs = new ArrayList<ProxyEmission>(mesh.services().size() + mesh.gateways().size());
    mesh.services()
        .forEach(
            s ->
                jobs.add(
                    new ProxyEmission(s.name(), () -> assembler.documents(proxies.sidecar(s)))));
    mesh.gateways()
        .forEach(
            g ->
                jobs.add(
                    new ProxyEmission(g.name(), () -> assembler.documents(proxies.gateway(g)))));
    jobs.sort(Comparator.comparing(ProxyEmission::proxy));
    return List.copyOf(jobs);
  }

  /**
   * Returns {@code mesh} reduced to what the sidecar of {@code service} draws on: the service, the
   * services it calls, and the services their routes send or mirror to; no gateways. Its sidecar
   * comes out of the reduced mesh exactly as out of the whole one, and a caller that compiles many
   * variants of one sidecar (one per Kubernetes pod template) does not index the whole mesh for
   * each.
   */
  public static Mesh sidecarView(Mesh mesh, String service) {
    var needed = new HashSet<String>();
    needed.add(service);
    mesh.service(service)
        .ifPresent(
            s ->
                s.calls()
                    .forEach(
                        callee -> {
                          needed.add(callee);
                          mesh.service(callee)
                              .ifPresent(
                                  c ->
                                      MeshIndex.targets(c.routes())
                                          .forEach(t -> needed.add(t.service())));
                        }));
    var services = mesh.services().stream().filter(s -> needed.contains(s.name())).toList();
    return new Mesh(mesh.name(), services, List.of(), mesh.inputs());
  }

  /** Proxies emitted between hand-overs to the sink: enough to keep both cores busy. */
  private static final int BATCH = 64;
}
