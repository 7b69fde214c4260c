package dev.rigging.proxy.runtime;

import dev.rigging.proxy.config.HttpFilterConfig;
import dev.rigging.proxy.filter.FaultInjector;
import dev.rigging.proxy.filter.PathNormalizer;
import dev.rigging.proxy.filter.RbacEngine;
import dev.rigging.proxy.net.Decision;
import dev.rigging.proxy.net.ExchangeLog;
import dev.rigging.proxy.net.HeaderValues;
import dev.rigging.proxy.net.RequestHead;
import dev.rigging.proxy.net.RequestRouter;
import dev.rigging.proxy.route.FaultConfig;
import dev.rigging.proxy.route.RouteRequest;
import dev.rigging.proxy.route.RouteSelection;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP connection manager of one listener, in Envoy's order: the filter chain chosen by SNI,
 * path normalisation, route selection, the RBAC filters, the fault filter, then the router's
 * action. Reads the current {@link RuntimeConfig} once per request, so a request keeps the
 * configuration it started with while a reload swaps in the next.
 */
final class ListenerRouter implements RequestRouter {
  private final String listener;
  private final AtomicReference<RuntimeConfig> current;
  private final RuntimeStats stats;
  private final AccessLogWriter accessLog;
  private final FaultInjector faults = FaultInjector.withThreadLocalRandom();

  ListenerRouter(
      String listener,
      AtomicReference<RuntimeConfig> current,
      RuntimeStats stats,
      AccessLogWriter accessLog) {
    this.listener = listener;
    this.current = current;
    this.stats = stats;
    this.accessLog = accessLog;
  }

  @Override
  public Decision route(RequestHead head) {
    RuntimeConfig config = current.get();
    ListenerRuntime runtime = config.listeners().get(listener);
    if (runtime == null) {
      // The listener was removed by a reload; its socket closes once this connection ends.
      return Decision.Respond.text(503, "listener removed by configuration reload\n");
    }
    Optional<ChainRuntime> found = runtime.chainFor(head.connection().serverName());
    if (found.isEmpty()) {
      return Decision.Respond.text(404, "no filter chain\n", "NR", "");
    }
    ChainRuntime chain = found.get();
    String path;
    switch (chain.normalizer().normalize(head.uri())) {
      case PathNormalizer.Result.Normalized normalized -> path = normalized.path();
      case PathNormalizer.Result.Redirect redirect -> {
        return new Decision.Respond(
            HttpResponseStatus.valueOf(PathNormalizer.REDIRECT_STATUS),
            Map.of("location", redirect.location()),
            new byte[0],
            "",
            "");
      }
      case PathNormalizer.Result.Reject reject -> {
        return Decision.Respond.text(PathNormalizer.REJECT_STATUS, "Bad Request", "", "");
      }
    }
    String authority = head.headers().get(HttpHeaderNames.HOST, "");
    RouteRequest request = routeRequest(head, authority, path);
    if (!chain.rbac().isEmpty()) {
      RbacEngine.Decision verdict = chain.rbac().evaluate(request, head.connection().peerUriSan());
      chain.stats().rbac(verdict.allowed(), verdict.filter());
      if (!verdict.allowed()) {
        return Decision.Respond.text(RbacEngine.DENIED_STATUS, RbacEngine.DENIED_BODY, "RBAC", "");
      }
    }
    Optional<RouteSelection> selection = chain.routes().select(request);
    if (selection.isEmpty()) {
      return new Decision.Respond(HttpResponseStatus.NOT_FOUND, Map.of(), new byte[0], "NR", "");
    }
    RouteSelection selected = selection.get();
    Decision routed = RouteActions.decide(config, chain, head, request, selected);
    return withFaults(chain, selected, routed);
  }

  /** Applies the fault filter: a delay before, or an abort instead of, the router's decision. */
  private Decision withFaults(ChainRuntime chain, RouteSelection selected, Decision routed) {
    if (chain.fault().isEmpty()) {
      return routed;
    }
    HttpFilterConfig.Fault filter = chain.fault().get();
    Optional<FaultConfig> fault = FaultInjector.effective(filter, selected.route().fault());
    if (fault.isEmpty()) {
      return routed;
    }
    FaultInjector.Decision injected = faults.decide(fault.get());
    Decision next = routed;
    if (injected.aborted()) {
      chain.stats().faultAbort(injected.abortStatus());
      next =
          new Decision.Respond(
              HttpResponseStatus.valueOf(injected.abortStatus()),
              Map.of("content-type", FaultInjector.ABORT_CONTENT_TYPE),
              FaultInjector.ABORT_BODY.getBytes(StandardCharsets.UTF_8),
              FaultInjector.ABORT_FLAG,
              selected.route().name());
    }
    if (injected.delayed()) {
      chain.stats().faultDelay();
      return new Decision.Delayed(injected.delay(), next, FaultInjector.DELAY_FLAG);
    }
    return next;
  }

  /** The request as routing and RBAC see it, pseudo-headers included. */
  private static RouteRequest routeRequest(RequestHead head, String authority, String path) {
    HttpHeaders headers = head.headers();
    String method = head.method().name();
    String scheme = head.connection().tls() ? "https" : "http";
    return RouteRequest.of(
        authority,
        path,
        name ->
            switch (name) {
              case ":method" -> method;
              case ":path" -> path;
              case ":authority" -> authority;
              case ":scheme" -> scheme;
              // An HTTP/1.1 client cannot send a name with ':' (not a token character).
              default -> name.startsWith(":") ? null : HeaderValues.joined(headers, name);
            });
  }

  /**
   * Counts and logs a finished request under the chain that served it (looked up again: a reload in
   * between may have replaced it, whose counters carry on under the same stat prefix).
   */
  @Override
  public void completed(ExchangeLog log) {
    ListenerRuntime runtime = current.get().listeners().get(listener);
    Optional<ChainRuntime> chain =
        runtime == null ? Optional.empty() : runtime.chainFor(log.connection().serverName());
    if (chain.isEmpty()) {
      stats.listener(listener).downstreamResponse(log.responseCode());
      return;
    }
    chain.get().stats().downstreamResponse(log.responseCode());
    chain.get().accessLog().ifPresent(format -> accessLog.write(format, log));
  }
}
