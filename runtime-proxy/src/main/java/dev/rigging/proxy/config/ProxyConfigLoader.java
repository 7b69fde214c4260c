package dev.rigging.proxy.config;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.re2j.PatternSyntaxException;
import dev.rigging.proxy.route.RouteTable;
import dev.rigging.validators.EnvoyType;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Loads the configuration {@code rig compile} emits into a {@link ProxySnapshot}: validated by
 * Rigging's Envoy validator, parsed into Envoy's v3 types, every set field checked against what the
 * proxy honours, and translated. All problems of a file are reported together.
 */
public final class ProxyConfigLoader {

  private final EnvoyJson json = new EnvoyJson();

  /** Loads {@code envoy/<proxy>/bootstrap.json}: static listeners and clusters. */
  public ProxySnapshot load(Path bootstrapJson) throws IOException, ConfigLoadException {
    String source = bootstrapJson.toString();
    Bootstrap bootstrap =
        json.parse(
            source, Files.readString(bootstrapJson), EnvoyType.BOOTSTRAP, Bootstrap.newBuilder());
    requireSupported(source, bootstrap);
    Problems problems = new Problems();
    RdsFiles rds = new RdsFiles(UnaryOperator.identity());
    List<ListenerConfig> listeners = new ArrayList<>();
    var resources = bootstrap.getStaticResources();
    for (int i = 0; i < resources.getListenersCount(); i++) {
      var listener = resources.getListeners(i);
      String path = "static_resources.listeners[" + i + "]";
      guarded(
          path,
          problems,
          () ->
              listeners.add(ListenerTranslator.translate(listener, path, rds::resolve, problems)));
    }
    List<ClusterConfig> clusters = new ArrayList<>();
    for (int i = 0; i < resources.getClustersCount(); i++) {
      var cluster = resources.getClusters(i);
      String path = "static_resources.clusters[" + i + "]";
      guarded(
          path, problems, () -> clusters.add(ClusterTranslator.translate(cluster, path, problems)));
    }
    throwIfAny(source, problems);
    return new ProxySnapshot(
        bootstrap.getNode().getId(), bootstrap.getNode().getCluster(), listeners, clusters);
  }

  /**
   * Loads {@code listeners.json}, {@code clusters.json} and {@code routes.json} from {@code
   * configDir}.
   */
  public ProxySnapshot loadXds(Path configDir, String nodeId)
      throws IOException, ConfigLoadException {
    return loadXds(
        configDir.resolve("listeners.json"),
        configDir.resolve("clusters.json"),
        configDir.resolve("routes.json"),
        nodeId);
  }

  /**
   * Loads the xDS files. An RDS {@code path_config_source} whose file name is that of {@code
   * routesJson} is read from {@code routesJson}: the emitted paths name the run-time config
   * directory, which the files may have been copied away from.
   */
  public ProxySnapshot loadXds(
      Path listenersJson, Path clustersJson, Path routesJson, String nodeId)
      throws IOException, ConfigLoadException {
    Problems problems = new Problems();
    RdsFiles rds =
        new RdsFiles(
            configured ->
                configured.getFileName().equals(routesJson.getFileName())
                    ? routesJson
                    : configured);
    List<ListenerConfig> listeners = new ArrayList<>();
    for (Resource<Listener> listener : resources(listenersJson, Listener.class)) {
      guarded(
          listener.path(),
          problems,
          () ->
              listeners.add(
                  ListenerTranslator.translate(
                      listener.message(), listener.path(), rds::resolve, problems)));
    }
    throwIfAny(listenersJson.toString(), problems);
    List<ClusterConfig> clusters = new ArrayList<>();
    for (Resource<Cluster> cluster : resources(clustersJson, Cluster.class)) {
      guarded(
          cluster.path(),
          problems,
          () ->
              clusters.add(
                  ClusterTranslator.translate(cluster.message(), cluster.path(), problems)));
    }
    throwIfAny(clustersJson.toString(), problems);
    // Envoy's node cluster defaults to the node id in every bootstrap rig emits.
    return new ProxySnapshot(nodeId, nodeId, listeners, clusters);
  }

  private record Resource<T>(T message, String path) {}

  private <T extends Message> List<Resource<T>> resources(Path file, Class<T> type)
      throws IOException, ConfigLoadException {
    String source = file.toString();
    DiscoveryResponse response =
        json.parse(
            source,
            Files.readString(file),
            EnvoyType.DISCOVERY_RESPONSE,
            DiscoveryResponse.newBuilder());
    requireSupported(source, response);
    List<Resource<T>> resources = new ArrayList<>();
    List<String> wrongTypes = new ArrayList<>();
    for (int i = 0; i < response.getResourcesCount(); i++) {
      Any any = response.getResources(i);
      if (!any.is(type)) {
        wrongTypes.add(
            "resources["
                + i
                + "]: expected "
                + type.getSimpleName()
                + ", found "
                + any.getTypeUrl());
        continue;
      }
      resources.add(new Resource<>(ClusterTranslator.unpack(any, type), "resources[" + i + "]"));
    }
    if (!wrongTypes.isEmpty()) {
      throw new ConfigLoadException(source, wrongTypes);
    }
    return resources;
  }

  /**
   * Runs one resource's translation; a value Envoy's schema admits but the proxy's model refuses
   * (an RE2 expression re2j rejects, a split of zero total weight) becomes a problem at that
   * resource.
   */
  private static void guarded(String path, Problems problems, Runnable translation) {
    try {
      translation.run();
    } catch (PatternSyntaxException e) {
      problems.add(path, "invalid RE2 expression: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
    }
  }

  private static void requireSupported(String source, Message message)
      throws UnsupportedConfigException {
    List<String> unsupported = SupportCheck.problems(message, "");
    if (!unsupported.isEmpty()) {
      throw new UnsupportedConfigException(source, unsupported);
    }
  }

  private static void throwIfAny(String source, Problems problems)
      throws UnsupportedConfigException {
    if (!problems.isEmpty()) {
      throw new UnsupportedConfigException(source, problems.list());
    }
  }

  /** Reads each RDS file once and hands out its route configurations by name. */
  private final class RdsFiles {
    private final UnaryOperator<Path> relocate;
    private final Map<Path, Map<String, RouteTable>> loaded = new HashMap<>();

    RdsFiles(UnaryOperator<Path> relocate) {
      this.relocate = relocate;
    }

    RouteTable resolve(Rds rds, String path, Problems problems) {
      var source = rds.getConfigSource();
      if (!source.hasPathConfigSource()) {
        problems.add(
            path + ".config_source", "only path_config_source is supported by the Rigging proxy");
        return null;
      }
      Path file = relocate.apply(Path.of(source.getPathConfigSource().getPath()));
      try {
        Map<String, RouteTable> tables = loaded.get(file);
        if (tables == null) {
          tables = new HashMap<>();
          for (Resource<RouteConfiguration> config : resources(file, RouteConfiguration.class)) {
            Problems routeProblems = new Problems();
            RouteTable table =
                RouteConfigTranslator.translate(config.message(), config.path(), routeProblems);
            if (!routeProblems.isEmpty()) {
              throw new UnsupportedConfigException(file.toString(), routeProblems.list());
            }
            tables.put(config.message().getName(), table);
          }
          loaded.put(file, tables);
        }
        RouteTable table = tables.get(rds.getRouteConfigName());
        if (table == null) {
          problems.add(
              path + ".route_config_name",
              "no route configuration " + rds.getRouteConfigName() + " in " + file);
        }
        return table;
      } catch (IOException | ConfigLoadException e) {
        problems.add(path, "cannot load routes: " + e.getMessage());
        return null;
      }
    }
  }
}
