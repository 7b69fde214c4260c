package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/** What to do with one request, as decided by a {@link RequestRouter}. */
public sealed interface Decision {

  /**
   * Proxy the request to one upstream address.
   *
   * @param timeout time allowed until the upstream's response headers arrive, counted from the
   *     moment the request head is decided (so connection set-up and queueing count too)
   */
  record Forward(InetSocketAddress upstream, HeaderEdits edits, Duration timeout)
      implements Decision {
    public Forward {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
    }
  }

  /** Answer locally without contacting any upstream. */
  record Respond(HttpResponseStatus status, Map<String, String> headers, byte[] body)
      implements Decision {
    public Respond {
      headers = Map.copyOf(headers);
      body = body.clone();
    }

    /** A plain-text answer. */
    public static Respond text(int status, String body) {
      return new Respond(
          HttpResponseStatus.valueOf(status),
          Map.of("content-type", "text/plain; charset=utf-8"),
          body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
