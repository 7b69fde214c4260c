package dev.rigging.proxy.runtime;

import dev.rigging.proxy.cluster.RetryBackoff;
import dev.rigging.proxy.config.ConnectionManagerConfig.ForwardClientCert;
import dev.rigging.proxy.net.ConnectionInfo;
import dev.rigging.proxy.net.Decision;
import dev.rigging.proxy.net.HeaderEdits;
import dev.rigging.proxy.net.MirrorTarget;
import dev.rigging.proxy.net.RequestHead;
import dev.rigging.proxy.net.RetryPlan;
import dev.rigging.proxy.route.MirrorPolicy;
import dev.rigging.proxy.route.PathMatch;
import dev.rigging.proxy.route.PathRewrite;
import dev.rigging.proxy.route.RetryPolicy;
import dev.rigging.proxy.route.Route;
import dev.rigging.proxy.route.RouteAction;
import dev.rigging.proxy.route.RouteRequest;
import dev.rigging.proxy.route.RouteSelection;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The router filter's part: turns a matched route's action into what the data path does. */
final class RouteActions {
  private RouteActions() {}

  static Decision decide(
      RuntimeConfig config,
      ChainRuntime chain,
      RequestHead head,
      RouteRequest request,
      RouteSelection selection) {
    Route route = selection.route();
    return switch (route.action()) {
      case RouteAction.Forward forward -> forward(config, chain, head, request, route, forward);
      case RouteAction.Redirect redirect -> redirect(head, request, route, redirect);
      case RouteAction.DirectResponse direct ->
          new Decision.Respond(
              HttpResponseStatus.valueOf(direct.status()),
              direct.body().isPresent() ? Map.of("content-type", "text/plain") : Map.of(),
              direct.body().orElse("").getBytes(StandardCharsets.UTF_8),
              "",
              route.name());
    };
  }

  private static Decision forward(
      RuntimeConfig config,
      ChainRuntime chain,
      RequestHead head,
      RouteRequest request,
      Route route,
      RouteAction.Forward action) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String clusterName = action.clusters().pick(random.nextLong());
    ClusterRuntime cluster = config.clusters().get(clusterName);
    if (cluster == null) {
      return Decision.Respond.text(503, "cluster not found: " + clusterName, "NC", route.name());
    }
    String uri = rewrite(request, route, action);
    // Built afresh for every request, so taken unchecked (HeaderEdits.unchecked): the route's own
    // edits were checked when the config loaded, the id and the protocol are the proxy's own, and
    // what comes from the request or the configured host is checked here.
    Map<String, String> set = new HashMap<>();
    List<String> remove = new ArrayList<>(route.headerEdits().requestHeadersToRemove());
    List<HeaderEdits.Header> append = new ArrayList<>(2);
    if (!uri.equals(request.path())) {
      HeaderEdits.check("x-envoy-original-path", request.path());
      set.put("x-envoy-original-path", request.path());
    }
    if (head.headers().get("x-request-id") == null) {
      set.put("x-request-id", requestId(random));
    }
    set.put("x-forwarded-proto", head.connection().tls() ? "https" : "http");
    clientCertHeader(chain, head, set, remove);
    if (action.hostRewrite().isPresent()) {
      HeaderEdits.check("host", action.hostRewrite().get());
      set.put("host", action.hostRewrite().get());
    }
    for (var add : route.headerEdits().requestHeadersToAdd()) {
      if (add.append()) {
        append.add(new HeaderEdits.Header(add.name(), add.value()));
      } else {
        set.put(add.name(), add.value());
      }
    }
    List<MirrorTarget> mirrors = new ArrayList<>();
    for (MirrorPolicy mirror : action.mirrors()) {
      ClusterRuntime target = config.clusters().get(mirror.cluster());
      if (target != null && mirror.percentage().sample(random.nextLong())) {
        mirrors.add(new MirrorTarget(target));
      }
    }
    return new Decision.Forward(
        cluster,
        uri,
        HeaderEdits.unchecked(set, remove, append),
        responseEdits(route),
        action.timeout(),
        action.retryPolicy().map(RouteActions::retryPlan),
        mirrors,
        route.name());
  }

  /**
   * A random (version 4) UUID from the event loop's own generator: {@link UUID#randomUUID()}'s
   * SecureRandom would serialise every loop on one lock for an id that needs no secrecy.
   */
  private static String requestId(ThreadLocalRandom random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** Envoy's {@code x-forwarded-client-cert} handling for the chain's setting. */
  private static void clientCertHeader(
      ChainRuntime chain, RequestHead head, Map<String, String> set, List<String> remove) {
    ForwardClientCert mode = chain.manager().forwardClientCert();
    var connection = head.connection();
    switch (mode) {
      case SANITIZE -> remove.add("x-forwarded-client-cert");
      case FORWARD_ONLY, ALWAYS_FORWARD_ONLY, APPEND_FORWARD -> {
        // Kept as the client sent it (APPEND_FORWARD's own entry needs the fields below).
        if (mode == ForwardClientCert.APPEND_FORWARD && connection.peerUriSan().isPresent()) {
          String existing = head.headers().get("x-forwarded-client-cert");
          String own = checkedClientCertEntry(chain, connection);
          if (existing == null) {
            set.put("x-forwarded-client-cert", own);
          } else {
            String value = existing + "," + own;
            HeaderEdits.check("x-forwarded-client-cert", value);
            set.put("x-forwarded-client-cert", value);
          }
        }
      }
      case SANITIZE_SET -> {
        if (connection.peerCertificateSha256().isPresent()) {
          set.put("x-forwarded-client-cert", checkedClientCertEntry(chain, connection));
        } else {
          remove.add("x-forwarded-client-cert");
        }
      }
    }
  }

  /**
   * Each peer's own {@code x-forwarded-client-cert} entry, built and checked once: a connection's
   * requests, and the connections of one peer, share it. Without and with {@code URI=}; keyed by
   * what the entry is made of, so bounded by the peers, and forgotten wholesale if that grows.
   */
  private static final ClearingCache<ConnectionInfo, String> XFCC = new ClearingCache<>(4096);

  private static final ClearingCache<ConnectionInfo, String> XFCC_WITH_URI =
      new ClearingCache<>(4096);

  /** The connection's entry, checked as a header value. */
  private static String checkedClientCertEntry(ChainRuntime chain, ConnectionInfo connection) {
    var entries = chain.manager().setCurrentClientCertUri() ? XFCC_WITH_URI : XFCC;
    return entries.get(
        connection,
        c -> {
          String entry = clientCertEntry(chain, c);
          HeaderEdits.check("x-forwarded-client-cert", entry);
          return entry;
        });
  }

  private static String clientCertEntry(ChainRuntime chain, ConnectionInfo connection) {
    StringBuilder entry = new StringBuilder();
    connection.localUriSan().ifPresent(by -> entry.append("By=").append(by).append(';'));
    entry.append("Hash=").append(connection.peerCertificateSha256().orElse(""));
    if (chain.manager().setCurrentClientCertUri()) {
      connection.peerUriSan().ifPresent(uri -> entry.append(";URI=").append(uri));
    }
    return entry.toString();
  }

  private static HeaderEdits responseEdits(Route route) {
    var edits = route.headerEdits();
    if (edits.responseHeadersToAdd().isEmpty() && edits.responseHeadersToRemove().isEmpty()) {
      return HeaderEdits.NONE;
    }
    Map<String, String> set = new HashMap<>();
    List<HeaderEdits.Header> append = new ArrayList<>();
    for (var add : edits.responseHeadersToAdd()) {
      if (add.append()) {
        append.add(new HeaderEdits.Header(add.name(), add.value()));
      } else {
        set.put(add.name(), add.value());
      }
    }
    return new HeaderEdits(set, edits.responseHeadersToRemove(), append);
  }

  /** The request target sent upstream: the normalised path, rewritten as the route says. */
  private static String rewrite(RouteRequest request, Route route, RouteAction.Forward action) {
    if (action.pathRewrite().isEmpty()) {
      return request.path();
    }
    String path = request.pathWithoutQuery();
    String query = request.path().substring(path.length());
    String rewritten =
        switch (action.pathRewrite().get()) {
          case PathRewrite.Prefix prefix -> {
            int matched =
                switch (route.match().path()) {
                  case PathMatch.Prefix p -> p.value().length();
                  case PathMatch.Exact e -> e.value().length();
                  default -> 0;
                };
            yield prefix.replacement() + path.substring(Math.min(matched, path.length()));
          }
          case PathRewrite.Regex regex ->
              regex.pattern().pattern().matcher(path).replaceAll(regex.substitution());
        };
    return rewritten + query;
  }

  private static RetryPlan retryPlan(RetryPolicy policy) {
    RetryBackoff backoff = RetryBackoff.of(policy);
    return new RetryPlan(
        policy.numRetries(),
        policy.perTryTimeout(),
        policy.retryOn(),
        new HashSet<>(policy.retriableStatusCodes()),
        backoff::delay);
  }

  private static Decision redirect(
      RequestHead head, RouteRequest request, Route route, RouteAction.Redirect redirect) {
    String authority = request.authority();
    int colon = authority.lastIndexOf(':');
    boolean hasPort = colon > 0 && authority.indexOf(']', colon) < 0;
    String host = redirect.host().orElse(hasPort ? authority.substring(0, colon) : authority);
    Optional<String> port =
        redirect
            .port()
            .map(String::valueOf)
            .or(
                () ->
                    Optional.ofNullable(
                        hasPort && redirect.host().isEmpty()
                            ? authority.substring(colon + 1)
                            : null));
    String scheme = redirect.scheme().orElse(head.connection().tls() ? "https" : "http");
    String path = request.pathWithoutQuery();
    String query = request.path().substring(path.length());
    if (redirect.path().isPresent()) {
      String target = redirect.path().get();
      int question = target.indexOf('?');
      if (question >= 0) {
        query = target.substring(question);
        target = target.substring(0, question);
      }
      path = target;
    } else if (redirect.prefixRewrite().isPresent()) {
      int matched =
          route.match().path() instanceof PathMatch.Prefix p ? p.value().length() : path.length();
      path = redirect.prefixRewrite().get() + path.substring(Math.min(matched, path.length()));
    }
    if (redirect.stripQuery()) {
      query = "";
    }
    String location = scheme + "://" + host + port.map(p -> ":" + p).orElse("") + path + query;
    return new Decision.Respond(
        HttpResponseStatus.valueOf(redirect.responseCode()),
        Map.of("location", location),
        new byte[0],
        "",
        route.name());
  }
}
