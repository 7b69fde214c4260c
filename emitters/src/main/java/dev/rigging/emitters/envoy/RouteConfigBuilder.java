package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.source.Span;
import java.util.List;

/** {@code RouteConfiguration}s and their virtual hosts. */
final class RouteConfigBuilder {
  private RouteConfigBuilder() {}

  /** The route config of an inbound chain: any host, any path, to the local app instances. */
  static Built inbound(String name, String cluster, Span span) {
    var host = Json.object().put("name", Names.INBOUND_LISTENER);
    host.set("domains", Json.strings(List.of("*")));
    host.set("routes", Json.arrayOf(RouteBuilder.inbound(cluster)));
    var origins = new Origins().nest(".virtual_hosts[0]", new Origins().here(span));
    return new Built(config(name, List.of(host)), origins);
  }

  /** A virtual host whose routes are {@code rules}, named {@code name-<index>}. */
  static Built virtualHost(String name, List<String> domains, List<RouteRule> rules, Span span) {
    var origins = new Origins().here(span);
    var routes = Json.array();
    for (int i = 0; i < rules.size(); i++) {
      var route = RouteBuilder.route(name, i, rules.get(i));
      routes.add(route.json());
      origins.nest(".routes[" + i + "]", route.origins());
    }
    var host = Json.object().put("name", name);
    host.set("domains", Json.strings(domains));
    host.set("routes", routes);
    return new Built(host, origins);
  }

  static Built config(String name, List<Built> virtualHosts, Span span) {
    var origins = new Origins().here(span);
    for (int i = 0; i < virtualHosts.size(); i++) {
      origins.nest(".virtual_hosts[" + i + "]", virtualHosts.get(i).origins());
    }
    return new Built(config(name, virtualHosts.stream().map(Built::json).toList()), origins);
  }

  private static ObjectNode config(String name, List<ObjectNode> virtualHosts) {
    var config = Json.object().put("name", name);
    var hosts = Json.array();
    virtualHosts.forEach(hosts::add);
    config.set("virtual_hosts", hosts);
    return config;
  }
}
