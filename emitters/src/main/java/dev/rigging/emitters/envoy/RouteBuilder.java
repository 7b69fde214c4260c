package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.StringMatch;
import dev.rigging.compiler.ir.Target;
import java.util.Collection;

/** Turns one checked {@link RouteRule} into an Envoy {@code Route}. */
final class RouteBuilder {
  private RouteBuilder() {}

  /** Duration JSON that disables a timeout: the mesh waits as long as the app does. */
  static final String NO_TIMEOUT = "0s";

  /**
   * Builds the route for {@code rule}, the {@code index}-th rule of {@code owner} (a virtual host
   * or a routed service), named {@code owner-index}.
   */
  static Built route(String owner, int index, RouteRule rule) {
    var route = Json.object().put("name", owner + "-" + index);
    route.set("match", match(rule.match()));
    switch (rule.action()) {
      case RouteAction.Forward forward -> route.set("route", RouteActions.forward(forward));
      case RouteAction.Redirect redirect -> route.set("redirect", RouteActions.redirect(redirect));
      case RouteAction.Respond respond ->
          route.set("direct_response", RouteActions.respond(respond));
    }
    var rigging = Json.single("source", rule.span().location());
    route.set("metadata", Json.single("filter_metadata", Json.single("rigging", rigging)));
    if (rule.hasFault()) {
      route.set(
          "typed_per_filter_config",
          Json.single(EnvoyTypes.FAULT_FILTER, FaultConfig.perRoute(rule)));
    }
    HeaderEdits.apply(route, "request", rule.requestHeaders());
    HeaderEdits.apply(route, "response", rule.responseHeaders());
    return new Built(route, new Origins().here(rule.span()));
  }

  /** The single route of an inbound chain: everything to the local app instances. */
  static ObjectNode inbound(String cluster) {
    var route = Json.object().put("name", Names.INBOUND_LISTENER + "-0");
    route.set("match", Json.single("prefix", "/"));
    route.set("route", Json.object().put("cluster", cluster).put("timeout", NO_TIMEOUT));
    return route;
  }

  /** Adds every cluster target of {@code rule} (forward targets and mirror) to {@code sink}. */
  static void targets(RouteRule rule, Collection<Target> sink) {
    if (rule.action() instanceof RouteAction.Forward forward) {
      forward.targets().forEach(weighted -> sink.add(weighted.target()));
      forward.mirror().ifPresent(mirror -> sink.add(mirror.target()));
    }
  }

  static ObjectNode match(Match match) {
    var node = Json.object();
    switch (match.path().orElse(null)) {
      case null -> node.put("prefix", "/");
      case StringMatch.Exact(String path) -> node.put("path", path);
      case StringMatch.Prefix(String prefix) -> node.put("prefix", prefix);
      case StringMatch.Regex(String pattern) ->
          node.set("safe_regex", HeaderMatchers.regex(pattern));
      // Every request has a path; "present" matches them all.
      case StringMatch.Present ignored -> node.put("prefix", "/");
      case StringMatch.Absent ignored ->
          throw new IllegalArgumentException("a path condition cannot be 'absent'");
    }
    var headers = Json.array();
    if (!match.methods().isEmpty()) {
      headers.add(HeaderMatchers.methods(match.methods()));
    }
    match.headers().forEach(field -> headers.add(HeaderMatchers.header(field)));
    var queryParameters = Json.array();
    for (var field : match.queryParameters()) {
      if (field.match() instanceof StringMatch.Absent) {
        headers.add(HeaderMatchers.queryParameterAbsent(field.name()));
      } else {
        queryParameters.add(HeaderMatchers.queryParameter(field));
      }
    }
    if (!headers.isEmpty()) {
      node.set("headers", headers);
    }
    if (!queryParameters.isEmpty()) {
      node.set("query_parameters", queryParameters);
    }
    return node;
  }
}
