package dev.rigging.proxy.config;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.re2j.PatternSyntaxException;
import dev.rigging.proxy.net.HeaderSyntax;
import dev.rigging.proxy.route.ClusterChoice;
import dev.rigging.proxy.route.FaultConfig;
import dev.rigging.proxy.route.HeaderEdits;
import dev.rigging.proxy.route.HeaderMatcher;
import dev.rigging.proxy.route.MirrorPolicy;
import dev.rigging.proxy.route.PathMatch;
import dev.rigging.proxy.route.PathRewrite;
import dev.rigging.proxy.route.Percentage;
import dev.rigging.proxy.route.QueryParameterMatcher;
import dev.rigging.proxy.route.Re2;
import dev.rigging.proxy.route.RetryPolicy;
import dev.rigging.proxy.route.Route;
import dev.rigging.proxy.route.RouteAction;
import dev.rigging.proxy.route.RouteMatch;
import dev.rigging.proxy.route.RouteTable;
import dev.rigging.proxy.route.VirtualHost;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Envoy's {@code RouteConfiguration} as the proxy's {@link RouteTable}. */
final class RouteConfigTranslator {

  static final String FAULT_FILTER = "envoy.filters.http.fault";

  private RouteConfigTranslator() {}

  /** The route table, or null with the reasons added to {@code problems}. */
  static RouteTable translate(RouteConfiguration config, String path, Problems problems) {
    List<VirtualHost> hosts = new ArrayList<>();
    for (int h = 0; h < config.getVirtualHostsCount(); h++) {
      var host = config.getVirtualHosts(h);
      List<Route> routes = new ArrayList<>();
      for (int r = 0; r < host.getRoutesCount(); r++) {
        String routePath = path + ".virtual_hosts[" + h + "].routes[" + r + "]";
        try {
          route(host.getRoutes(r), routePath, problems).ifPresent(routes::add);
        } catch (PatternSyntaxException e) {
          problems.add(routePath, "invalid RE2 expression: " + e.getMessage());
        } catch (IllegalArgumentException e) {
          // Values Envoy's schema admits but the route model refuses, e.g. a split of zero total
          // weight.
          problems.add(routePath, e.getMessage());
        }
      }
      hosts.add(new VirtualHost(host.getName(), host.getDomainsList(), routes));
    }
    try {
      return new RouteTable(config.getName(), hosts, config.getIgnorePortInHostMatching());
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }

  private static Optional<Route> route(
      io.envoyproxy.envoy.config.route.v3.Route route, String path, Problems problems) {
    Optional<RouteAction> action =
        switch (route.getActionCase()) {
          case ROUTE -> Optional.of(forward(route.getRoute()));
          case REDIRECT -> Optional.of(redirect(route.getRedirect()));
          case DIRECT_RESPONSE ->
              Optional.of(
                  new RouteAction.DirectResponse(
                      route.getDirectResponse().getStatus(),
                      inlineBody(route.getDirectResponse(), path, problems)));
          default -> {
            problems.add(
                path, "a route needs route, redirect or direct_response in the Rigging proxy");
            yield Optional.empty();
          }
        };
    Optional<FaultConfig> fault = Optional.empty();
    for (Map.Entry<String, Any> entry : route.getTypedPerFilterConfigMap().entrySet()) {
      String entryPath = path + ".typed_per_filter_config[\"" + entry.getKey() + "\"]";
      if (!entry.getKey().equals(FAULT_FILTER) || !entry.getValue().is(HTTPFault.class)) {
        problems.add(
            entryPath, "only HTTPFault for " + FAULT_FILTER + " is supported by the Rigging proxy");
        continue;
      }
      fault = Optional.of(fault(unpack(entry.getValue())));
    }
    String source =
        Optional.ofNullable(route.getMetadata().getFilterMetadataMap().get("rigging"))
            .map(
                struct ->
                    struct
                        .getFieldsOrDefault("source", Value.getDefaultInstance())
                        .getStringValue())
            .orElse("");
    checkHeaders(route.getRequestHeadersToAddList(), path + ".request_headers_to_add", problems);
    checkHeaders(route.getResponseHeadersToAddList(), path + ".response_headers_to_add", problems);
    checkNames(
        route.getRequestHeadersToRemoveList(), path + ".request_headers_to_remove", problems);
    checkNames(
        route.getResponseHeadersToRemoveList(), path + ".response_headers_to_remove", problems);
    HeaderEdits edits =
        new HeaderEdits(
            headersToAdd(route.getRequestHeadersToAddList()),
            route.getRequestHeadersToRemoveList(),
            headersToAdd(route.getResponseHeadersToAddList()),
            route.getResponseHeadersToRemoveList());
    if (action.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Route(route.getName(), match(route.getMatch()), action.get(), fault, edits, source));
  }

  private static HTTPFault unpack(Any any) {
    try {
      return any.unpack(HTTPFault.class);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("HTTPFault already parsed once", e);
    }
  }

  static FaultConfig fault(HTTPFault fault) {
    return new FaultConfig(
        fault.hasDelay()
            ? Optional.of(
                new FaultConfig.Delay(
                    ProtoValues.duration(fault.getDelay().getFixedDelay()),
                    faultPercentage(
                        fault.getDelay().hasPercentage(), fault.getDelay().getPercentage())))
            : Optional.empty(),
        fault.hasAbort()
            ? Optional.of(
                new FaultConfig.Abort(
                    fault.getAbort().getHttpStatus(),
                    faultPercentage(
                        fault.getAbort().hasPercentage(), fault.getAbort().getPercentage())))
            : Optional.empty());
  }

  // Envoy's fault filter applies a fault to every request when no percentage is given.
  private static Percentage faultPercentage(
      boolean present, io.envoyproxy.envoy.type.v3.FractionalPercent percent) {
    return present ? ProtoValues.percentage(percent) : Percentage.ALWAYS;
  }

  private static RouteMatch match(io.envoyproxy.envoy.config.route.v3.RouteMatch match) {
    boolean ignoreCase = match.hasCaseSensitive() && !match.getCaseSensitive().getValue();
    PathMatch path =
        switch (match.getPathSpecifierCase()) {
          case PATH -> new PathMatch.Exact(match.getPath(), ignoreCase);
          // As in Envoy, case_sensitive has no effect on safe_regex.
          case SAFE_REGEX -> PathMatch.Regex.of(match.getSafeRegex().getRegex());
          default -> new PathMatch.Prefix(match.getPrefix(), ignoreCase);
        };
    List<HeaderMatcher> headers =
        match.getHeadersList().stream().map(RouteConfigTranslator::header).toList();
    List<QueryParameterMatcher> query =
        match.getQueryParametersList().stream()
            .map(
                q ->
                    new QueryParameterMatcher(
                        q.getName(),
                        q.hasStringMatch()
                            ? new QueryParameterMatcher.Value(
                                ProtoValues.stringMatch(q.getStringMatch()))
                            : new QueryParameterMatcher.Present()))
            .toList();
    return new RouteMatch(path, headers, query);
  }

  static HeaderMatcher header(io.envoyproxy.envoy.config.route.v3.HeaderMatcher header) {
    HeaderMatcher.Condition condition =
        switch (header.getHeaderMatchSpecifierCase()) {
          case STRING_MATCH ->
              new HeaderMatcher.Value(ProtoValues.stringMatch(header.getStringMatch()));
          case PRESENT_MATCH -> new HeaderMatcher.Present(header.getPresentMatch());
          // No specifier: Envoy matches when the header is present.
          default -> new HeaderMatcher.Present(true);
        };
    return new HeaderMatcher(header.getName(), condition, header.getInvertMatch());
  }

  private static RouteAction.Forward forward(
      io.envoyproxy.envoy.config.route.v3.RouteAction action) {
    ClusterChoice clusters =
        action.hasWeightedClusters()
            ? new ClusterChoice.Weighted(
                action.getWeightedClusters().getClustersList().stream()
                    .map(
                        c ->
                            new ClusterChoice.WeightedCluster(
                                c.getName(), c.getWeight().getValue()))
                    .toList())
            : new ClusterChoice.Single(action.getCluster());
    Optional<Duration> timeout =
        action.hasTimeout()
            ? Optional.of(ProtoValues.duration(action.getTimeout())).filter(d -> !d.isZero())
            : Optional.of(RouteAction.Forward.DEFAULT_TIMEOUT);
    Optional<RetryPolicy> retry =
        action.hasRetryPolicy() ? Optional.of(retry(action.getRetryPolicy())) : Optional.empty();
    List<MirrorPolicy> mirrors =
        action.getRequestMirrorPoliciesList().stream()
            .map(
                m ->
                    new MirrorPolicy(
                        m.getCluster(),
                        m.hasRuntimeFraction()
                            ? ProtoValues.percentage(m.getRuntimeFraction().getDefaultValue())
                            : Percentage.ALWAYS))
            .toList();
    Optional<PathRewrite> rewrite =
        action.hasRegexRewrite()
            ? Optional.of(
                new PathRewrite.Regex(
                    Re2.compile(action.getRegexRewrite().getPattern().getRegex()),
                    action.getRegexRewrite().getSubstitution()))
            : action.getPrefixRewrite().isEmpty()
                ? Optional.empty()
                : Optional.of(new PathRewrite.Prefix(action.getPrefixRewrite()));
    Optional<String> hostRewrite =
        action.getHostRewriteLiteral().isEmpty()
            ? Optional.empty()
            : Optional.of(action.getHostRewriteLiteral());
    return new RouteAction.Forward(clusters, timeout, retry, mirrors, rewrite, hostRewrite);
  }

  private static RetryPolicy retry(io.envoyproxy.envoy.config.route.v3.RetryPolicy policy) {
    Duration base =
        policy.getRetryBackOff().hasBaseInterval()
            ? ProtoValues.duration(policy.getRetryBackOff().getBaseInterval())
            : RetryPolicy.DEFAULT_BACKOFF_BASE;
    Duration max =
        policy.getRetryBackOff().hasMaxInterval()
            ? ProtoValues.duration(policy.getRetryBackOff().getMaxInterval())
            : base.multipliedBy(10);
    return new RetryPolicy(
        retryOn(policy.getRetryOn()),
        policy.hasNumRetries() ? policy.getNumRetries().getValue() : 1,
        policy.hasPerTryTimeout()
            ? Optional.of(ProtoValues.duration(policy.getPerTryTimeout()))
            : Optional.empty(),
        policy.getRetriableStatusCodesList(),
        base,
        max);
  }

  // Envoy splits retry_on at commas and trims each condition.
  private static Set<String> retryOn(String conditions) {
    Set<String> result = new LinkedHashSet<>();
    for (String condition : conditions.split(",")) {
      if (!condition.isBlank()) {
        result.add(condition.strip());
      }
    }
    return result;
  }

  private static RouteAction.Redirect redirect(
      io.envoyproxy.envoy.config.route.v3.RedirectAction redirect) {
    int code =
        switch (redirect.getResponseCode()) {
          case MOVED_PERMANENTLY, UNRECOGNIZED -> 301;
          case FOUND -> 302;
          case SEE_OTHER -> 303;
          case TEMPORARY_REDIRECT -> 307;
          case PERMANENT_REDIRECT -> 308;
        };
    Optional<String> scheme =
        redirect.getHttpsRedirect() ? Optional.of("https") : nonEmpty(redirect.getSchemeRedirect());
    return new RouteAction.Redirect(
        scheme,
        nonEmpty(redirect.getHostRedirect()),
        redirect.getPortRedirect() == 0
            ? Optional.empty()
            : Optional.of(redirect.getPortRedirect()),
        nonEmpty(redirect.getPathRedirect()),
        nonEmpty(redirect.getPrefixRewrite()),
        code,
        redirect.getStripQuery());
  }

  private static Optional<String> inlineBody(
      io.envoyproxy.envoy.config.route.v3.DirectResponseAction response,
      String path,
      Problems problems) {
    if (!response.hasBody()) {
      return Optional.empty();
    }
    if (!response.getBody().hasInlineString()) {
      problems.add(
          path + ".direct_response.body", "only inline_string is supported by the Rigging proxy");
      return Optional.empty();
    }
    return Optional.of(response.getBody().getInlineString());
  }

  private static List<HeaderEdits.HeaderToAdd> headersToAdd(List<HeaderValueOption> options) {
    return options.stream()
        .map(
            o ->
                new HeaderEdits.HeaderToAdd(
                    o.getHeader().getKey(),
                    o.getHeader().getValue(),
                    o.getAppendAction()
                        == HeaderValueOption.HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD))
        .toList();
  }

  /** Refuses at load the edits the data path would refuse on every request. */
  private static void checkHeaders(
      List<HeaderValueOption> options, String path, Problems problems) {
    for (int i = 0; i < options.size(); i++) {
      var header = options.get(i).getHeader();
      String at = path + "[" + i + "]";
      HeaderSyntax.problem(header.getKey(), header.getValue())
          .ifPresent(problem -> problems.add(at, problem));
    }
  }

  private static void checkNames(List<String> names, String path, Problems problems) {
    for (int i = 0; i < names.size(); i++) {
      String at = path + "[" + i + "]";
      HeaderSyntax.problem(names.get(i), "").ifPresent(problem -> problems.add(at, problem));
    }
  }

  private static Optional<String> nonEmpty(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
