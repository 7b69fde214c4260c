package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.Gateway;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Target;
import dev.rigging.compiler.ir.Version;
import dev.rigging.emitters.envoy.ListenerBuilder.ChainSpec;
import dev.rigging.emitters.envoy.ListenerBuilder.Spec;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Decides what each proxy gets: a sidecar's inbound, outbound and clusters, a gateway's listener
 * and clusters. The JSON itself is left to the resource builders.
 */
final class ProxyBuilder {
  private final MeshIndex index;
  private final TlsContexts tls;
  private final ClusterBuilder clusters;
  private final String mesh;
  private final Network network;

  ProxyBuilder(MeshIndex index, EnvoyOptions options) {
    this.index = index;
    this.network = options.network();
    this.mesh = index.mesh().name();
    this.tls = new TlsContexts(options, mesh);
    this.clusters = new ClusterBuilder(tls, mesh, options.network());
  }

  /** The sidecar of {@code service}. */
  ProxyResources sidecar(Service service) {
    String proxy = service.name();
    var listeners = new ArrayList<Spec>(2);
    var routeConfigs = new ArrayList<Built>();
    var clusterList = new ArrayList<Built>();

    // Inbound: one mTLS chain per target, chosen by the SNI the caller sets.
    var authzFilters = service.authz().map(RbacBuilder::filters).orElse(List.of());
    var socket = tls.downstream(proxy);
    var chains = new ArrayList<ChainSpec>();
    var targets = new ArrayList<Target>();
    for (Version version : service.versions()) {
      targets.add(Target.version(proxy, version.name()));
    }
    targets.add(Target.service(proxy));
    for (var target : targets) {
      var span =
          target.version().flatMap(service::version).map(Version::span).orElse(service.span());
      String routeConfigName = Names.inboundRouteConfig(target);
      var routeConfig =
          RouteConfigBuilder.inbound(routeConfigName, Names.inboundCluster(target), span);
      String sni = Names.sni(target, mesh);
      chains.add(
          new ChainSpec(
              sni,
              List.of(sni),
              routeConfigName,
              true,
              authzFilters,
              routeConfig,
              socket,
              false,
              span));
    }
    listeners.add(
        new Spec(
            Names.INBOUND_LISTENER,
            network.servingAddress(),
            service.port(),
            true,
            chains,
            service.span()));
    clusterList.add(clusters.inbound(service, Target.service(proxy)));
    for (Version version : service.versions()) {
      clusterList.add(clusters.inbound(service, Target.version(proxy, version.name())));
    }

    // Outbound: the app's calls, routed by the callee's rules.
    if (!service.calls().isEmpty()) {
      int port =
          service
              .outboundPort()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "service '" + proxy + "' calls others but has no outbound port"));
      var calls = service.calls().stream().sorted().toList();
      var hosts = new ArrayList<Built>(calls.size());
      var outboundTargets = new ArrayList<Target>();
      boolean fault = false;
      for (String callee : calls) {
        var routed = index.routed(callee);
        hosts.add(routed.virtualHost());
        fault |= routed.hasFault();
        outboundTargets.add(Target.service(callee));
        for (Version version : index.service(callee).versions()) {
          outboundTargets.add(Target.version(callee, version.name()));
        }
        outboundTargets.addAll(routed.targets());
      }
      String name = Names.outboundRouteConfig(proxy);
      var routeConfig = RouteConfigBuilder.config(name, hosts, service.span());
      routeConfigs.add(routeConfig);
      var chain = plainChain(Names.OUTBOUND_LISTENER, name, fault, routeConfig, service.span());
      listeners.add(
          new Spec(
              Names.OUTBOUND_LISTENER,
              Names.LOCALHOST,
              port,
              false,
              List.of(chain),
              service.span()));
      clusterList.addAll(outboundClusters(proxy, outboundTargets));
    }
    return new ProxyResources(proxy, service.span(), listeners, routeConfigs, clusterList);
  }

  /** The proxy of {@code gateway}: one plain-text listener routing into the mesh. */
  ProxyResources gateway(Gateway gateway) {
    String proxy = gateway.name();
    var domains = new ArrayList<String>();
    for (String host : gateway.hosts()) {
      domains.add(host);
      // Clients send the port in Host when it is not the scheme's default.
      if (!host.equals("*")) {
        domains.add(host + ":" + gateway.port());
      }
    }
    var host = RouteConfigBuilder.virtualHost(proxy, domains, gateway.rules(), gateway.span());
    String name = Names.gatewayRouteConfig(proxy);
    var routeConfig = RouteConfigBuilder.config(name, List.of(host), gateway.span());
    boolean fault = MeshIndex.anyFault(gateway.rules());
    var chain = plainChain(Names.GATEWAY_LISTENER, name, fault, routeConfig, gateway.span());
    var listener =
        new Spec(
            Names.GATEWAY_LISTENER,
            network.servingAddress(),
            gateway.port(),
            false,
            List.of(chain),
            gateway.span());
    var clusterList = outboundClusters(proxy, MeshIndex.targets(gateway.rules()));
    return new ProxyResources(
        proxy, gateway.span(), List.of(listener), List.of(routeConfig), clusterList);
  }

  private static ChainSpec plainChain(
      String listener, String name, boolean fault, Built routeConfig, Span span) {
    List<Built> filters = fault ? List.of(new Built(FaultConfig.FILTER, new Origins())) : List.of();
    return new ChainSpec(listener, List.of(), name, false, filters, routeConfig, null, true, span);
  }

  /** One cluster per distinct target, sorted by cluster name. */
  private List<Built> outboundClusters(String proxy, Collection<Target> targets) {
    var byName = new TreeMap<String, Target>();
    targets.forEach(t -> byName.putIfAbsent(Names.outboundCluster(t), t));
    var result = new ArrayList<Built>(byName.size());
    for (var target : byName.values()) {
      result.add(clusters.outbound(proxy, target, index.service(target.service())));
    }
    return result;
  }
}
