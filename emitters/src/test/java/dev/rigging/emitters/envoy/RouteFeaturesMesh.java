package dev.rigging.emitters.envoy;

import static dev.rigging.emitters.envoy.Ir.add;
import static dev.rigging.emitters.envoy.Ir.edited;
import static dev.rigging.emitters.envoy.Ir.field;
import static dev.rigging.emitters.envoy.Ir.forward;
import static dev.rigging.emitters.envoy.Ir.match;
import static dev.rigging.emitters.envoy.Ir.ms;
import static dev.rigging.emitters.envoy.Ir.path;
import static dev.rigging.emitters.envoy.Ir.percent;
import static dev.rigging.emitters.envoy.Ir.remove;
import static dev.rigging.emitters.envoy.Ir.rule;
import static dev.rigging.emitters.envoy.Ir.service;
import static dev.rigging.emitters.envoy.Ir.set;
import static dev.rigging.emitters.envoy.Ir.split;
import static dev.rigging.emitters.envoy.Ir.to;
import static dev.rigging.emitters.envoy.Ir.version;

import dev.rigging.compiler.ir.Fault;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Protocol;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.StringMatch;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The route-features test mesh: one rule per kind of thing a route can do. */
final class RouteFeaturesMesh {
  private RouteFeaturesMesh() {}

  private static final MeshSource SRC =
      new MeshSource(
          "routes.mesh",
          """
          mesh store

          service web {
            port 8000 http
            outbound 15001
            calls api
            endpoint 10.4.0.1:8080
          }

          service api {
            port 8001 http2
            version v1 { endpoint 10.4.1.1:8080 }
            version v2 { endpoint 10.4.2.1:8080 }
          }

          service audit {
            port 8002 http
            endpoint 10.4.3.1:8080
          }

          route api {
            match path regex "/items/[0-9]+" method GET, HEAD query "debug" absent {
              to api.v1
              retries 3 per_try 500ms on 5xx, connect-failure, 503 backoff 25ms max 250ms
              timeout 2s
            }
            match path prefix "/v2/" header "x-user" regex "^[a-z]+$" query "page" present query "sort" exact "asc" {
              split api.v1 33.3333%, api.v2 66.6667%
              mirror audit on 0.5%
              rewrite prefix "/" host "api.internal"
            }
            match path prefix "/legacy/" {
              to api.v1
              rewrite regex "^/legacy/(.*)$" "/v1/\\1"
            }
            match path exact "/old" method POST {
              redirect host "new.example.com" path "/new" code 308 strip_query
            }
            match path prefix "/docs" {
              redirect scheme "https" port 8443 prefix "/documentation" code 302
            }
            match path exact "/teapot" { respond 418 "I'm a teapot" }
            match path exact "/gone" { respond 410 }
            default {
              to api
              request set "x-mesh" "store"
              request add "x-trace" "on"
              request remove "x-internal"
              response set "cache-control" "no-store"
              response remove "server"
              fault abort 503 on 0.01%
            }
          }
          """);

  static Mesh build() {
    var web =
        service("web", 8000, SRC.at("service web"))
            .outbound(15001)
            .calls("api")
            .endpoint("10.4.0.1", 8080, SRC.at("endpoint 10.4.0.1:8080"))
            .build();
    var apiSpan = SRC.at("service api");
    var api =
        service("api", 8001, apiSpan)
            .protocol(Protocol.HTTP2)
            .version(
                version(
                    "v1",
                    List.of(Ir.endpoint("10.4.1.1", 8080, SRC.at("endpoint 10.4.1.1:8080"))),
                    Ir.defaultPolicy(apiSpan),
                    SRC.at("version v1")))
            .version(
                version(
                    "v2",
                    List.of(Ir.endpoint("10.4.2.1", 8080, SRC.at("endpoint 10.4.2.1:8080"))),
                    Ir.defaultPolicy(apiSpan),
                    SRC.at("version v2")))
            .routes(rules().toArray(RouteRule[]::new))
            .build();
    var audit =
        service("audit", 8002, SRC.at("service audit"))
            .endpoint("10.4.3.1", 8080, SRC.at("endpoint 10.4.3.1:8080"))
            .build();
    return new Mesh("store", List.of(api, audit, web), List.of(), List.of());
  }

  private static List<RouteRule> rules() {
    var retry =
        new RouteAction.Retry(
            3,
            List.of("5xx", "connect-failure"),
            List.of(503),
            Optional.of(ms(500)),
            Optional.of(ms(25)),
            Optional.of(ms(250)));
    var items =
        new RouteAction.Forward(
            List.of(new RouteAction.Weighted(to("api", "v1"), percent("100"))),
            Optional.of(ms(2000)),
            Optional.of(retry),
            Optional.empty(),
            Optional.empty());
    var canary = split(to("api", "v1"), "33.3333", to("api", "v2"), "66.6667");
    var mirrored =
        new RouteAction.Forward(
            canary.targets(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new RouteAction.Mirror(to("audit"), percent("0.5"))),
            Optional.of(
                new RouteAction.Rewrite(
                    Optional.of("/"), Optional.empty(), Optional.of("api.internal"))));
    var legacy =
        new RouteAction.Forward(
            forward(to("api", "v1")).targets(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(
                new RouteAction.Rewrite(
                    Optional.empty(),
                    Optional.of(new RouteAction.RegexRewrite("^/legacy/(.*)$", "/v1/\\1")),
                    Optional.empty())));
    var old =
        new RouteAction.Redirect(
            Optional.empty(),
            Optional.of("new.example.com"),
            OptionalInt.empty(),
            Optional.of("/new"),
            Optional.empty(),
            308,
            true);
    var docs =
        new RouteAction.Redirect(
            Optional.of("https"),
            Optional.empty(),
            OptionalInt.of(8443),
            Optional.empty(),
            Optional.of("/documentation"),
            302,
            false);
    var fallback =
        edited(
            Match.ANY,
            forward(to("api")),
            List.of(set("x-mesh", "store"), add("x-trace", "on"), remove("x-internal")),
            List.of(set("cache-control", "no-store"), remove("server")),
            SRC.after("route api", "default"));
    var faultyFallback =
        new RouteRule(
            fallback.match(),
            fallback.action(),
            Optional.empty(),
            Optional.of(new Fault.Abort(503, percent("0.01"))),
            fallback.requestHeaders(),
            fallback.responseHeaders(),
            fallback.span());
    return List.of(
        rule(
            match(
                new StringMatch.Regex("/items/[0-9]+"),
                List.of("GET", "HEAD"),
                List.of(),
                List.of(field("debug", new StringMatch.Absent()))),
            items,
            SRC.at("match path regex")),
        rule(
            match(
                new StringMatch.Prefix("/v2/"),
                List.of(),
                List.of(field("x-user", new StringMatch.Regex("^[a-z]+$"))),
                List.of(
                    field("page", new StringMatch.Present()),
                    field("sort", new StringMatch.Exact("asc")))),
            mirrored,
            SRC.at("match path prefix \"/v2/\"")),
        rule(
            path(new StringMatch.Prefix("/legacy/")),
            legacy,
            SRC.at("match path prefix \"/legacy/\"")),
        rule(
            match(new StringMatch.Exact("/old"), List.of("POST"), List.of(), List.of()),
            old,
            SRC.at("match path exact \"/old\"")),
        rule(path(new StringMatch.Prefix("/docs")), docs, SRC.at("match path prefix \"/docs\"")),
        rule(
            path(new StringMatch.Exact("/teapot")),
            new RouteAction.Respond(418, Optional.of("I'm a teapot")),
            SRC.at("match path exact \"/teapot\"")),
        rule(
            path(new StringMatch.Exact("/gone")),
            new RouteAction.Respond(410, Optional.empty()),
            SRC.at("match path exact \"/gone\"")),
        faultyFallback);
  }
}
