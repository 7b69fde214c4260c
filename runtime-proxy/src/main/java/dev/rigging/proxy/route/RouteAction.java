package dev.rigging.proxy.route;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a matched route does with the request. */
public sealed interface RouteAction {

  /**
   * Proxies the request upstream, as Envoy's {@code route} action.
   *
   * @param clusters the target cluster or split
   * @param timeout the whole-request timeout; empty means none (Envoy's {@code 0s})
   * @param retryPolicy retries, when configured
   * @param mirrors shadow copies of the request
   * @param pathRewrite path rewrite, when configured
   * @param hostRewrite literal {@code :authority} for the upstream request, when configured
   */
  record Forward(
      ClusterChoice clusters,
      Optional<Duration> timeout,
      Optional<RetryPolicy> retryPolicy,
      List<MirrorPolicy> mirrors,
      Optional<PathRewrite> pathRewrite,
      Optional<String> hostRewrite)
      implements RouteAction {

    /** Envoy's default route timeout when {@code timeout} is not given at all. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public Forward {
      Objects.requireNonNull(clusters, "clusters");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(retryPolicy, "retryPolicy");
      mirrors = List.copyOf(mirrors);
      Objects.requireNonNull(pathRewrite, "pathRewrite");
      Objects.requireNonNull(hostRewrite, "hostRewrite");
    }

    /** Forwarding to one cluster with no timeout and nothing else. */
    public static Forward to(String cluster) {
      return new Forward(
          new ClusterChoice.Single(cluster),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * Answers with a redirect, as Envoy's {@code redirect} action; empty parts keep the request's.
   *
   * @param scheme replacement scheme
   * @param host replacement host
   * @param port replacement port
   * @param path replacement path ({@code path_redirect})
   * @param prefixRewrite replacement of the matched prefix ({@code prefix_rewrite})
   * @param responseCode 301, 302, 303, 307 or 308
   * @param stripQuery whether the query string is dropped
   */
  record Redirect(
      Optional<String> scheme,
      Optional<String> host,
      Optional<Integer> port,
      Optional<String> path,
      Optional<String> prefixRewrite,
      int responseCode,
      boolean stripQuery)
      implements RouteAction {

    public Redirect {
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(prefixRewrite, "prefixRewrite");
      if (!List.of(301, 302, 303, 307, 308).contains(responseCode)) {
        throw new IllegalArgumentException("not a redirect code: " + responseCode);
      }
    }
  }

  /**
   * Answers directly with a status and an optional inline body, as Envoy's {@code direct_response}.
   */
  record DirectResponse(int status, Optional<String> body) implements RouteAction {
    public DirectResponse {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("status out of range: " + status);
      }
      Objects.requireNonNull(body, "body");
    }
  }
}
