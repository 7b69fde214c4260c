package dev.rigging.proxy.runtime;

import dev.rigging.proxy.config.ClusterConfig;
import dev.rigging.proxy.config.HostPort;
import dev.rigging.proxy.config.HttpFilterConfig;
import dev.rigging.proxy.config.ListenerConfig;
import dev.rigging.proxy.config.ProxySnapshot;
import dev.rigging.proxy.config.TlsSettings;
import dev.rigging.proxy.filter.PathNormalizer;
import dev.rigging.proxy.filter.RbacEngine;
import dev.rigging.proxy.log.AccessLogFormatter;
import dev.rigging.proxy.route.RouteEngine;
import dev.rigging.proxy.route.StringMatch;
import dev.rigging.proxy.tls.ConfiguredTls;
import dev.rigging.proxy.tls.TlsEngine;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Compiles a loaded {@link ProxySnapshot} into a {@link RuntimeConfig}: TLS contexts built from
 * their files, endpoint names resolved, route tables indexed. Clusters whose configuration and
 * certificate files are unchanged since the previous build are reused, so their pools,
 * circuit-breaker budgets and outlier state carry over a reload; a cluster whose certificate, key
 * or CA file now holds something else (a renewed certificate under the same name) is built anew, so
 * that a reload takes the renewed certificate into use.
 */
final class RuntimeBuilder {
  private final RuntimeStats stats;
  private final TlsEngine tlsEngine;
  private final Map<ClusterConfig, Built> previous = new ConcurrentHashMap<>();

  /** A cluster built before, and the contents of the TLS files it was built from. */
  private record Built(ClusterRuntime runtime, TlsFiles files) {}

  RuntimeBuilder(RuntimeStats stats, TlsEngine tlsEngine) {
    this.stats = stats;
    this.tlsEngine = tlsEngine;
  }

  /** The runtime for {@code snapshot}; every problem found is in the exception. */
  RuntimeConfig build(ProxySnapshot snapshot, String hash, String version, String source)
      throws RuntimeBuildException {
    List<String> problems = new ArrayList<>();
    Map<String, ClusterRuntime> clusters = new LinkedHashMap<>();
    // A sidecar's clusters all present the same certificate: each file is read once per build.
    Map<String, String> digests = new HashMap<>();
    for (ClusterConfig cluster : snapshot.clusters()) {
      try {
        clusters.put(cluster.name(), cluster(cluster, digests));
      } catch (IOException | IllegalArgumentException e) {
        problems.add("cluster " + cluster.name() + ": " + e.getMessage());
      }
    }
    Map<String, ListenerRuntime> listeners = new LinkedHashMap<>();
    for (ListenerConfig listener : snapshot.listeners()) {
      try {
        listeners.put(listener.name(), listener(listener));
      } catch (IOException | IllegalArgumentException e) {
        problems.add("listener " + listener.name() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new RuntimeBuildException(problems);
    }
    // Forget clusters the new configuration no longer has.
    previous.keySet().retainAll(snapshot.clusters());
    return new RuntimeConfig(
        snapshot.nodeId(), hash, version, source, Instant.now(), listeners, clusters);
  }

  private ClusterRuntime cluster(ClusterConfig config, Map<String, String> digests)
      throws IOException {
    TlsFiles files = TlsFiles.read(tlsPaths(config), digests);
    Built known = previous.get(config);
    if (known != null && known.files().equals(files)) {
      return known.runtime();
    }
    List<InetSocketAddress> hosts = new ArrayList<>();
    for (HostPort endpoint : config.endpoints()) {
      hosts.addAll(resolve(endpoint, config.discovery()));
    }
    Optional<SslContext> tls = Optional.empty();
    if (config.tls().isPresent()) {
      TlsSettings.Upstream upstream = config.tls().get();
      requireFiles(
          upstream.certificate().map(TlsSettings.CertificateFiles::certificateChain),
          upstream.certificate().map(TlsSettings.CertificateFiles::privateKey),
          upstream.trustedCa());
      tls =
          Optional.of(
              ConfiguredTls.client(
                  tlsEngine,
                  upstream.sni(),
                  upstream.certificate().map(c -> Path.of(c.certificateChain())),
                  upstream.certificate().map(c -> Path.of(c.privateKey())),
                  upstream.trustedCa().map(Path::of),
                  accepting(upstream.uriSanMatchers()),
                  describe(upstream.uriSanMatchers())));
    }
    if (config.protocol() == ClusterConfig.UpstreamProtocol.HTTP2) {
      throw new IllegalArgumentException(
          "HTTP/2 to upstream hosts is not supported by the Rigging proxy; use HTTP/1.1");
    }
    ClusterRuntime runtime = new ClusterRuntime(config, hosts, tls, stats.cluster(config.name()));
    previous.put(config, new Built(runtime, files));
    return runtime;
  }

  /** The certificate, key and CA files a cluster's TLS reads, in that order; none without TLS. */
  private static List<String> tlsPaths(ClusterConfig config) {
    List<String> paths = new ArrayList<>();
    config
        .tls()
        .ifPresent(
            upstream -> {
              upstream
                  .certificate()
                  .ifPresent(
                      c -> {
                        paths.add(c.certificateChain());
                        paths.add(c.privateKey());
                      });
              upstream.trustedCa().ifPresent(paths::add);
            });
    return paths;
  }

  private static List<InetSocketAddress> resolve(HostPort endpoint, ClusterConfig.Discovery how)
      throws UnknownHostException {
    return switch (how) {
      case STATIC -> {
        if (!isIpLiteral(endpoint.host())) {
          throw new IllegalArgumentException(
              "STATIC endpoint " + endpoint + " must be an IP address (use STRICT_DNS for names)");
        }
        // A literal is parsed, never looked up.
        InetAddress address = InetAddress.getByName(endpoint.host());
        yield List.of(new InetSocketAddress(address, endpoint.port()));
      }
      case STRICT_DNS -> {
        List<InetSocketAddress> all = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(endpoint.host())) {
          all.add(new InetSocketAddress(address, endpoint.port()));
        }
        yield all;
      }
    };
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  private ListenerRuntime listener(ListenerConfig config) throws IOException {
    List<ChainRuntime> chains = new ArrayList<>();
    boolean anyTls = false;
    boolean anyPlain = false;
    for (ListenerConfig.FilterChain chain : config.filterChains()) {
      Optional<SslContext> tls = Optional.empty();
      if (chain.tls().isPresent()) {
        anyTls = true;
        TlsSettings.Downstream downstream = chain.tls().get();
        requireFiles(
            Optional.of(downstream.certificate().certificateChain()),
            Optional.of(downstream.certificate().privateKey()),
            downstream.trustedCa());
        tls =
            Optional.of(
                ConfiguredTls.server(
                    tlsEngine,
                    Path.of(downstream.certificate().certificateChain()),
                    Path.of(downstream.certificate().privateKey()),
                    downstream.trustedCa().map(Path::of),
                    downstream.requireClientCertificate(),
                    accepting(downstream.uriSanMatchers()),
                    describe(downstream.uriSanMatchers())));
      } else {
        anyPlain = true;
      }
      var manager = chain.connectionManager();
      Optional<AccessLogFormatter> accessLog =
          manager.accessLogJsonFormat().map(AccessLogFormatter::compile);
      Optional<HttpFilterConfig.Fault> fault =
          manager.httpFilters().stream()
              .filter(HttpFilterConfig.Fault.class::isInstance)
              .map(HttpFilterConfig.Fault.class::cast)
              .findFirst();
      chains.add(
          new ChainRuntime(
              chain.name(),
              chain.serverNames(),
              tls,
              manager,
              PathNormalizer.of(manager),
              RouteEngine.compile(manager.routes()),
              RbacEngine.of(manager.httpFilters()),
              fault,
              stats.listener(manager.statPrefix()),
              accessLog));
    }
    if (anyTls && anyPlain) {
      throw new IllegalArgumentException(
          "a listener whose chains mix TLS and plain text is not supported by the Rigging proxy");
    }
    if (anyTls && !config.tlsInspector() && chains.size() > 1) {
      throw new IllegalArgumentException(
          "several TLS filter chains need the tls_inspector listener filter to tell them apart");
    }
    return new ListenerRuntime(config, chains);
  }

  /** A missing certificate file is named as such (Netty's message would blame its content). */
  @SafeVarargs
  private static void requireFiles(Optional<String>... files) throws IOException {
    for (Optional<String> file : files) {
      if (file.isPresent() && !java.nio.file.Files.isRegularFile(Path.of(file.get()))) {
        throw new IOException(
            "no such file: "
                + file.get()
                + " (for local runs, `rig certs` issues development certificates)");
      }
    }
  }

  private static Predicate<String> accepting(List<StringMatch> matchers) {
    return uri -> matchers.isEmpty() || matchers.stream().anyMatch(m -> m.matches(uri));
  }

  private static String describe(List<StringMatch> matchers) {
    return matchers.isEmpty() ? "any identity" : "a URI SAN matching " + matchers;
  }

  /** Raised when a loaded configuration cannot be put to work (unreadable certificate files...). */
  static final class RuntimeBuildException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    RuntimeBuildException(List<String> problems) {
      super(String.join("\n  ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }
}
