package dev.rigging.emitters.envoy;

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
   * Writes the route for {@code rule}, the {@code index}-th rule of {@code owner} (a virtual host
   * or a routed service), named {@code owner-index}.
   */
  static void route(CompactJson out, String owner, int index, RouteRule rule) {
    out.beginObject().field("name", owner + "-" + index);
    match(out.name("match"), rule.match());
    switch (rule.action()) {
      case RouteAction.Forward forward -> RouteActions.forward(out.name("route"), forward);
      case RouteAction.Redirect redirect -> RouteActions.redirect(out.name("redirect"), redirect);
      case RouteAction.Respond respond ->
          RouteActions.respond(out.name("direct_response"), respond);
    }
    out.name("metadata").beginObject().name("filter_metadata").beginObject().name("rigging");
    out.single("source", rule.span().location()).endObject().endObject();
    if (rule.hasFault()) {
      out.name("typed_per_filter_config").beginObject().name(EnvoyTypes.FAULT_FILTER);
      FaultConfig.perRoute(out, rule);
      out.endObject();
    }
    HeaderEdits.apply(out, "request", rule.requestHeaders());
    HeaderEdits.apply(out, "response", rule.responseHeaders());
    out.endObject();
  }

  /** Writes the single route of an inbound chain: everything to the local app instances. */
  static void inbound(CompactJson out, String cluster) {
    out.beginObject().field("name", Names.INBOUND_LISTENER + "-0");
    out.name("match").single("prefix", "/");
    out.name("route").beginObject().field("cluster", cluster).field("timeout", NO_TIMEOUT);
    out.endObject().endObject();
  }

  /** Adds every cluster target of {@code rule} (forward targets and mirror) to {@code sink}. */
  static void targets(RouteRule rule, Collection<Target> sink) {
    if (rule.action() instanceof RouteAction.Forward forward) {
      forward.targets().forEach(weighted -> sink.add(weighted.target()));
      forward.mirror().ifPresent(mirror -> sink.add(mirror.target()));
    }
  }

  static void match(CompactJson out, Match match) {
    out.beginObject();
    switch (match.path().orElse(null)) {
      case null -> out.field("prefix", "/");
      case StringMatch.Exact(String path) -> out.field("path", path);
      case StringMatch.Prefix(String prefix) -> out.field("prefix", prefix);
      case StringMatch.Regex(String pattern) ->
          HeaderMatchers.regex(out.name("safe_regex"), pattern);
      // Every request has a path; "present" matches them all.
      case StringMatch.Present ignored -> out.field("prefix", "/");
      case StringMatch.Absent ignored ->
          throw new IllegalArgumentException("a path condition cannot be 'absent'");
    }
    boolean absentParameters =
        match.queryParameters().stream().anyMatch(f -> f.match() instanceof StringMatch.Absent);
    if (!match.methods().isEmpty() || !match.headers().isEmpty() || absentParameters) {
      out.name("headers").beginArray();
      if (!match.methods().isEmpty()) {
        HeaderMatchers.methods(out, match.methods());
      }
      match.headers().forEach(field -> HeaderMatchers.header(out, field));
      for (var field : match.queryParameters()) {
        if (field.match() instanceof StringMatch.Absent) {
          HeaderMatchers.queryParameterAbsent(out, field.name());
        }
      }
      out.endArray();
    }
    boolean presentParameters =
        match.queryParameters().stream().anyMatch(f -> !(f.match() instanceof StringMatch.Absent));
    if (presentParameters) {
      out.name("query_parameters").beginArray();
      for (var field : match.queryParameters()) {
        if (!(field.match() instanceof StringMatch.Absent)) {
          HeaderMatchers.queryParameter(out, field);
        }
      }
      out.endArray();
    }
    out.endObject();
  }
}
