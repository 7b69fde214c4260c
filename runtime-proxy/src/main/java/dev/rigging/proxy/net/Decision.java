package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What to do with one request, as decided by a {@link RequestRouter}. */
public sealed interface Decision {

  /**
   * Proxy the request to a cluster.
   *
   * @param cluster where attempts go
   * @param uri the request target sent upstream (path rewritten or normalised, query kept)
   * @param requestEdits changes to the forwarded request's headers
   * @param responseEdits changes to the relayed response's headers
   * @param timeout time allowed from the end of the request until the response is complete, retries
   *     included (Envoy's route timeout); empty for none
   * @param retry retries of failed attempts, when configured
   * @param mirrors clusters that get a copy of the request
   * @param routeName the route's name, for the access log
   */
  record Forward(
      UpstreamCluster cluster,
      String uri,
      HeaderEdits requestEdits,
      HeaderEdits responseEdits,
      Optional<Duration> timeout,
      Optional<RetryPlan> retry,
      List<MirrorTarget> mirrors,
      String routeName)
      implements Decision {
    public Forward {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(requestEdits, "requestEdits");
      Objects.requireNonNull(responseEdits, "responseEdits");
      Objects.requireNonNull(timeout, "timeout");
      timeout.ifPresent(
          t -> {
            if (t.isNegative() || t.isZero()) {
              throw new IllegalArgumentException("timeout must be positive: " + t);
            }
          });
      Objects.requireNonNull(retry, "retry");
      mirrors = List.copyOf(mirrors);
      Objects.requireNonNull(routeName, "routeName");
    }

    /** Forwarding {@code uri} to {@code cluster} with request edits and a timeout, nothing else. */
    public static Forward to(
        UpstreamCluster cluster, String uri, HeaderEdits edits, Duration timeout) {
      return new Forward(
          cluster,
          uri,
          edits,
          HeaderEdits.NONE,
          Optional.of(timeout),
          Optional.empty(),
          List.of(),
          "");
    }
  }

  /**
   * Answer locally without contacting any upstream.
   *
   * @param flag Envoy's response flag for the access log (e.g. {@code NR}, {@code FI}), or ""
   */
  record Respond(
      HttpResponseStatus status,
      Map<String, String> headers,
      byte[] body,
      String flag,
      String routeName)
      implements Decision {
    public Respond {
      headers = Map.copyOf(headers);
      body = body.clone();
      Objects.requireNonNull(flag, "flag");
      Objects.requireNonNull(routeName, "routeName");
    }

    public Respond(HttpResponseStatus status, Map<String, String> headers, byte[] body) {
      this(status, headers, body, "", "");
    }

    /** A plain-text answer. */
    public static Respond text(int status, String body) {
      return text(status, body, "", "");
    }

    /** A plain-text answer with an access-log flag and route name. */
    public static Respond text(int status, String body, String flag, String routeName) {
      return new Respond(
          HttpResponseStatus.valueOf(status),
          Map.of("content-type", "text/plain"),
          body.getBytes(StandardCharsets.UTF_8),
          flag,
          routeName);
    }
  }

  /**
   * Wait, then carry out {@code then}: the fault filter's delay. The request body is not read
   * meanwhile.
   *
   * @param flag the access-log flag ({@code DI})
   */
  record Delayed(Duration delay, Decision then, String flag) implements Decision {
    public Delayed {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(then, "then");
      Objects.requireNonNull(flag, "flag");
    }
  }
}
