package dev.rigging.emitters.envoy;

import static dev.rigging.emitters.envoy.Ir.field;
import static dev.rigging.emitters.envoy.Ir.forward;
import static dev.rigging.emitters.envoy.Ir.match;
import static dev.rigging.emitters.envoy.Ir.ms;
import static dev.rigging.emitters.envoy.Ir.path;
import static dev.rigging.emitters.envoy.Ir.percent;
import static dev.rigging.emitters.envoy.Ir.rule;
import static dev.rigging.emitters.envoy.Ir.split;
import static dev.rigging.emitters.envoy.Ir.to;

import dev.rigging.compiler.ir.Authz;
import dev.rigging.compiler.ir.Fault;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.StringMatch;
import dev.rigging.compiler.ir.TrafficPolicy;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A large synthetic mesh shaped like the benchmark's: every service has two versions, calls two
 * others, has a policy with limits and outlier detection, five routes (header match, split with
 * retries, timeout, regex with fault, default) and default-deny authz.
 */
final class ScaleMesh {
  private ScaleMesh() {}

  static Mesh generate(int services) {
    var file = SourceFile.of("scale.mesh", "service s {\n}\n".repeat(8));
    var span = new Span(file, 0, 9);
    var policy =
        new TrafficPolicy(
            TrafficPolicy.LoadBalancer.ROUND_ROBIN,
            Optional.empty(),
            new TrafficPolicy.Limits(
                OptionalInt.of(100),
                OptionalInt.empty(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                OptionalInt.empty()),
            Optional.of(
                new TrafficPolicy.OutlierDetection(5, ms(10_000), ms(30_000), percent("10"))),
            span);
    var list = new ArrayList<Service>(services);
    for (int i = 0; i < services; i++) {
      String name = name(i);
      var retry =
          new RouteAction.Retry(
              2,
              List.of("5xx", "connect-failure"),
              List.of(),
              Optional.of(ms(500)),
              Optional.empty(),
              Optional.empty());
      var splitWithRetries = split(to(name, "v1"), "90", to(name, "v2"), "10");
      var routes =
          List.of(
              rule(
                  match(
                      null,
                      List.of(),
                      List.of(field("x-canary", new StringMatch.Exact("true"))),
                      List.of()),
                  forward(to(name, "v2")),
                  span),
              rule(
                  match(
                      new StringMatch.Prefix("/api/" + i + "/orders"),
                      List.of("GET", "POST"),
                      List.of(),
                      List.of()),
                  new RouteAction.Forward(
                      splitWithRetries.targets(),
                      Optional.empty(),
                      Optional.of(retry),
                      Optional.empty(),
                      Optional.empty()),
                  span),
              rule(
                  path(new StringMatch.Exact("/api/" + i + "/slow")),
                  new RouteAction.Forward(
                      forward(to(name, "v1")).targets(),
                      Optional.of(ms(2000)),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty()),
                  span),
              Ir.faulty(
                  path(new StringMatch.Regex("^/v[0-9]+/" + i + "/.*")),
                  forward(to(name, "v1")),
                  new Fault.Delay(ms(100), percent("1")),
                  null,
                  span),
              rule(Match.ANY, forward(to(name, "v1")), span));
      var authz =
          new Authz(
              Authz.Decision.DENY,
              List.of(
                  Ir.authzRule(
                      Authz.Decision.ALLOW,
                      List.of(
                          name((i + services - 1) % services), name((i + services - 7) % services)),
                      "bench",
                      List.of("GET", "POST"),
                      List.of(new Authz.PathPattern.Prefix("/api/")),
                      List.of(),
                      span),
                  Ir.authzRule(
                      Authz.Decision.DENY,
                      List.of(),
                      "bench",
                      List.of("DELETE"),
                      List.of(),
                      List.of(),
                      span)),
              span);
      list.add(
          Ir.service(name, 10_000 + i, span)
              .outbound(40_000 + i)
              .calls(name((i + 1) % services), name((i + 7) % services))
              .policy(policy)
              .version(
                  Ir.version(
                      "v1",
                      List.of(Ir.endpoint("10.0." + i / 250 + "." + i % 250, 8080, span)),
                      policy,
                      span))
              .version(
                  Ir.version(
                      "v2",
                      List.of(Ir.endpoint("10.1." + i / 250 + "." + i % 250, 8080, span)),
                      policy,
                      span))
              .routes(routes.toArray(RouteRule[]::new))
              .authz(authz)
              .build());
    }
    return new Mesh("bench", list, List.of(), List.of());
  }

  private static String name(int i) {
    return "svc" + i;
  }
}
