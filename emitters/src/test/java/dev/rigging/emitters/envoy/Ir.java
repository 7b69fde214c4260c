package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.Authz;
import dev.rigging.compiler.ir.Duration;
import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Fault;
import dev.rigging.compiler.ir.HeaderEdit;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.compiler.ir.Protocol;
import dev.rigging.compiler.ir.RouteAction;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.StringMatch;
import dev.rigging.compiler.ir.Target;
import dev.rigging.compiler.ir.TrafficPolicy;
import dev.rigging.compiler.ir.Version;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/** Terse constructors for test IR: the checked IR is deliberately explicit, tests need not be. */
final class Ir {
  private Ir() {}

  static TrafficPolicy defaultPolicy(Span span) {
    return new TrafficPolicy(
        TrafficPolicy.LoadBalancer.ROUND_ROBIN,
        Optional.empty(),
        TrafficPolicy.Limits.NONE,
        Optional.empty(),
        span);
  }

  static Endpoint endpoint(String host, int port, Span span) {
    return new Endpoint(host, port, span);
  }

  static Version version(String name, List<Endpoint> endpoints, TrafficPolicy policy, Span span) {
    var labels = new TreeMap<String, String>();
    labels.put("version", name);
    return new Version(name, labels, endpoints, policy, span);
  }

  static Percent percent(String text) {
    return new Percent(new java.math.BigDecimal(text).movePointRight(4).intValueExact());
  }

  static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  static Target to(String service) {
    return Target.service(service);
  }

  static Target to(String service, String version) {
    return Target.version(service, version);
  }

  static RouteAction.Forward forward(Target target) {
    return new RouteAction.Forward(
        List.of(new RouteAction.Weighted(target, Percent.HUNDRED)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static RouteAction.Forward split(Object... targetsAndPercents) {
    var weighted = new ArrayList<RouteAction.Weighted>();
    for (int i = 0; i < targetsAndPercents.length; i += 2) {
      weighted.add(
          new RouteAction.Weighted(
              (Target) targetsAndPercents[i], percent((String) targetsAndPercents[i + 1])));
    }
    return new RouteAction.Forward(
        weighted, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Match.Field field(String name, StringMatch match) {
    return new Match.Field(name, match);
  }

  static Match match(
      StringMatch path, List<String> methods, List<Match.Field> headers, List<Match.Field> query) {
    return new Match(Optional.ofNullable(path), new TreeSet<>(methods), headers, query);
  }

  static Match path(StringMatch path) {
    return match(path, List.of(), List.of(), List.of());
  }

  static RouteRule rule(Match match, RouteAction action, Span span) {
    return new RouteRule(
        match, action, Optional.empty(), Optional.empty(), List.of(), List.of(), span);
  }

  static RouteRule faulty(
      Match match, RouteAction action, Fault.Delay delay, Fault.Abort abort, Span span) {
    return new RouteRule(
        match,
        action,
        Optional.ofNullable(delay),
        Optional.ofNullable(abort),
        List.of(),
        List.of(),
        span);
  }

  static RouteRule edited(
      Match match,
      RouteAction action,
      List<HeaderEdit> request,
      List<HeaderEdit> response,
      Span span) {
    return new RouteRule(
        match, action, Optional.empty(), Optional.empty(), request, response, span);
  }

  static HeaderEdit set(String name, String value) {
    return new HeaderEdit(HeaderEdit.Op.SET, name, Optional.of(value));
  }

  static HeaderEdit add(String name, String value) {
    return new HeaderEdit(HeaderEdit.Op.ADD, name, Optional.of(value));
  }

  static HeaderEdit remove(String name) {
    return new HeaderEdit(HeaderEdit.Op.REMOVE, name, Optional.empty());
  }

  static Authz.Rule authzRule(
      Authz.Decision decision,
      List<String> from,
      String mesh,
      List<String> methods,
      List<Authz.PathPattern> paths,
      List<Match.Field> headers,
      Span span) {
    var identities =
        from.stream()
            .sorted()
            .map(name -> new Authz.Identity(name, "spiffe://" + mesh + "/" + name))
            .toList();
    return new Authz.Rule(decision, identities, new TreeSet<>(methods), paths, headers, span);
  }

  /** A fluent builder for a {@link Service}, defaulting what a test does not care about. */
  static ServiceBuilder service(String name, int port, Span span) {
    return new ServiceBuilder(name, port, span);
  }

  static final class ServiceBuilder {
    private final String name;
    private final int port;
    private final Span span;
    private Protocol protocol = Protocol.HTTP;
    private OptionalInt outboundPort = OptionalInt.empty();
    private final List<Version> versions = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private TrafficPolicy policy;
    private final List<String> calls = new ArrayList<>();
    private List<RouteRule> routes;
    private Authz authz;

    private ServiceBuilder(String name, int port, Span span) {
      this.name = name;
      this.port = port;
      this.span = span;
      this.policy = defaultPolicy(span);
    }

    ServiceBuilder protocol(Protocol value) {
      protocol = value;
      return this;
    }

    ServiceBuilder outbound(int value) {
      outboundPort = OptionalInt.of(value);
      return this;
    }

    ServiceBuilder calls(String... services) {
      calls.addAll(List.of(services));
      return this;
    }

    ServiceBuilder endpoint(String host, int endpointPort, Span endpointSpan) {
      endpoints.add(new Endpoint(host, endpointPort, endpointSpan));
      return this;
    }

    ServiceBuilder version(Version version) {
      versions.add(version);
      return this;
    }

    ServiceBuilder policy(TrafficPolicy value) {
      policy = value;
      return this;
    }

    ServiceBuilder routes(RouteRule... rules) {
      routes = List.of(rules);
      return this;
    }

    ServiceBuilder authz(Authz value) {
      authz = value;
      return this;
    }

    Service build() {
      boolean declared = routes != null;
      // Like the compiler: without a route block, one default rule to the whole service.
      var rules = declared ? routes : List.of(rule(Match.ANY, forward(to(name)), span));
      return new Service(
          name,
          port,
          protocol,
          outboundPort,
          versions,
          endpoints,
          policy,
          calls.stream().sorted().toList(),
          rules,
          declared,
          Optional.ofNullable(authz),
          span);
    }
  }
}
