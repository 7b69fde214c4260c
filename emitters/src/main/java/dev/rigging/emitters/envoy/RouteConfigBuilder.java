package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.source.Span;
import java.util.List;

/** {@code RouteConfiguration}s and their virtual hosts. */
final class RouteConfigBuilder {
  private RouteConfigBuilder() {}

  /** The route config of an inbound chain: any host, any path, to the local app instances. */
  static Built inbound(String name, String cluster, Span span) {
    var origins = new Origins().nest(".virtual_hosts[0]", new Origins().here(span));
    JsonValue json =
        out -> {
          out.beginObject().field("name", name).name("virtual_hosts").beginArray();
          out.beginObject().field("name", Names.INBOUND_LISTENER);
          out.name("domains").strings(List.of("*"));
          out.name("routes").beginArray();
          RouteBuilder.inbound(out, cluster);
          out.endArray().endObject();
          out.endArray().endObject();
        };
    return new Built(json, origins);
  }

  /**
   * A virtual host whose routes are {@code rules}, named {@code name-<index>}; written once, since
   * a service's virtual host goes into the route config of each of its callers.
   */
  static Built virtualHost(String name, List<String> domains, List<RouteRule> rules, Span span) {
    var origins = new Origins().here(span);
    for (int i = 0; i < rules.size(); i++) {
      origins.nest(".routes[" + i + "]", new Origins().here(rules.get(i).span()));
    }
    var host =
        Fragment.of(
            out -> {
              out.beginObject().field("name", name).name("domains").strings(domains);
              out.name("routes").beginArray();
              for (int i = 0; i < rules.size(); i++) {
                RouteBuilder.route(out, name, i, rules.get(i));
              }
              out.endArray().endObject();
            });
    return new Built(host, origins);
  }

  /**
   * A route config of {@code virtualHosts}; written once, since it goes both into the bootstrap and
   * into {@code routes.json}.
   */
  static Built config(String name, List<Built> virtualHosts, Span span) {
    var origins = new Origins().here(span);
    for (int i = 0; i < virtualHosts.size(); i++) {
      origins.nest(".virtual_hosts[" + i + "]", virtualHosts.get(i).origins());
    }
    var config =
        Fragment.of(
            out -> {
              out.beginObject().field("name", name).name("virtual_hosts").beginArray();
              virtualHosts.forEach(host -> host.json().writeTo(out));
              out.endArray().endObject();
            });
    return new Built(config, origins);
  }
}
