package dev.rigging.proxy.net;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.List;

/** The heads an exchange sends on, in either direction, and its mirror copies. */
final class OutboundRequests {
  /** How long a mirror copy may take when the route sets no timeout (Envoy's default). */
  private static final Duration MIRROR_TIMEOUT = Duration.ofSeconds(15);

  private OutboundRequests() {}

  /**
   * The head {@code request} is forwarded with: hop-by-hop headers gone, the route's edits made.
   */
  static HttpRequest head(HttpRequest request, Decision.Forward plan) {
    DefaultHttpRequest outbound =
        new DefaultHttpRequest(
            HttpVersion.HTTP_1_1, request.method(), plan.uri(), request.headers().copy());
    HopByHopHeaders.strip(outbound.headers());
    outbound.headers().remove(HttpHeaderNames.EXPECT);
    plan.requestEdits().applyTo(outbound.headers());
    if (HttpUtil.isTransferEncodingChunked(request)) {
      HttpUtil.setTransferEncodingChunked(outbound, true);
    }
    return outbound;
  }

  /**
   * The response head relayed downstream for {@code head}, before its framing is decided. It takes
   * over {@code head}'s headers and edits them in place: the upstream connection has read what it
   * needs from them (keep-alive) before handing the head on, and nothing reads them after.
   */
  static HttpResponse responseHead(HttpResponse head, HttpVersion version, Decision.Forward plan) {
    HttpResponse response = new DefaultHttpResponse(version, head.status(), head.headers());
    HopByHopHeaders.strip(response.headers());
    plan.responseEdits().applyTo(response.headers());
    return response;
  }

  /** Sends a fire-and-forget copy of {@code request} to each of the plan's mirrors. */
  static void mirror(
      UpstreamPool pool,
      EventLoop loop,
      HttpRequest request,
      Decision.Forward plan,
      List<HttpContent> body) {
    HttpRequest head = ShadowRequest.shadowHead(head(request, plan));
    for (MirrorTarget mirror : plan.mirrors()) {
      ShadowRequest.send(
          pool, loop, mirror.cluster(), head, body, plan.timeout().orElse(MIRROR_TIMEOUT));
    }
  }
}
