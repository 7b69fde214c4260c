package dev.rigging.emitters.kubernetes;

import dev.rigging.compiler.ir.Protocol;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;

/**
 * One Deployment: a version of a service (its app and sidecar), a service without versions, or a
 * gateway (its proxy alone).
 *
 * @param name the Deployment's name: {@code <service>-<version>}, {@code <service>} or the
 *     gateway's
 * @param proxy the proxy's name, which is its identity: the service's or the gateway's
 * @param labels the pod's labels, which are also the Deployment's selector
 * @param app the app container, absent for a gateway
 * @param meshPort where the proxy listens for the mesh (or, for a gateway, for ingress)
 * @param envoy the proxy's compiled documents for this pod: bootstrap, listeners, clusters, routes
 * @param span the {@code .mesh} text it comes from: the version, service or gateway
 */
record Workload(
    String name,
    String proxy,
    SortedMap<String, String> labels,
    Optional<App> app,
    int meshPort,
    Protocol protocol,
    List<EmittedDocument> envoy,
    Span span) {

  /**
   * The user's app container.
   *
   * @param port where the app listens inside the pod; the sidecar forwards to 127.0.0.1 there
   */
  record App(String image, int port) {}

  /** The version's name, for a workload of one version of a service. */
  Optional<String> version() {
    return name.equals(proxy) ? Optional.empty() : Optional.of(name.substring(proxy.length() + 1));
  }

  boolean isGateway() {
    return app.isEmpty();
  }

  OptionalInt appPort() {
    return app.map(a -> OptionalInt.of(a.port())).orElse(OptionalInt.empty());
  }
}
