package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Response encoder that knows when it answers a HEAD request, so a relayed chunked HEAD response
 * gets no body terminator (what HttpServerCodec does, which cannot be combined with a custom
 * decoder).
 */
final class HeadAwareResponseEncoder extends HttpResponseEncoder {
  private boolean answeringHead;

  void answeringHead(boolean head) {
    this.answeringHead = head;
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpResponse response) {
    return answeringHead || super.isContentAlwaysEmpty(response);
  }
}
