package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog;
import io.envoyproxy.envoy.extensions.access_loggers.stream.v3.StdoutAccessLog;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Type registries for resolving {@code Any} {@code @type}s, seeded with the types Rigging emits.
 */
final class TypeRegistryFactory {

  private TypeRegistryFactory() {}

  /**
   * Files of the document roots and of every extension Rigging emits, with all their imports.
   * Loading these costs about as much as loading the root types alone; the rest of the Envoy API
   * (some 500 more files, ~0.4 s) is only loaded on demand by {@link TypeResolver}.
   */
  static Set<FileDescriptor> emittedFiles() {
    List<Descriptor> roots =
        List.of(
            Bootstrap.getDescriptor(),
            Listener.getDescriptor(),
            Cluster.getDescriptor(),
            RouteConfiguration.getDescriptor(),
            DiscoveryResponse.getDescriptor(),
            HttpConnectionManager.getDescriptor(),
            TlsInspector.getDescriptor(),
            Router.getDescriptor(),
            HTTPFault.getDescriptor(),
            RBAC.getDescriptor(),
            UpstreamTlsContext.getDescriptor(),
            DownstreamTlsContext.getDescriptor(),
            HttpProtocolOptions.getDescriptor(),
            StdoutAccessLog.getDescriptor(),
            FileAccessLog.getDescriptor());
    Set<FileDescriptor> files = new LinkedHashSet<>();
    for (Descriptor root : roots) {
      addWithImports(root.getFile(), files);
    }
    return files;
  }

  /** Adds {@code file} and everything it imports, transitively. */
  static void addWithImports(FileDescriptor file, Set<FileDescriptor> files) {
    Deque<FileDescriptor> pending = new ArrayDeque<>();
    pending.push(file);
    while (!pending.isEmpty()) {
      FileDescriptor next = pending.pop();
      if (files.add(next)) {
        next.getDependencies().forEach(pending::push);
      }
    }
  }

  /** Registry holding every message type (nested ones included) declared in {@code files}. */
  static JsonFormat.TypeRegistry build(Collection<FileDescriptor> files) {
    JsonFormat.TypeRegistry.Builder builder = JsonFormat.TypeRegistry.newBuilder();
    for (FileDescriptor file : files) {
      builder.add(file.getMessageTypes());
    }
    return builder.build();
  }
}
