package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/** Receives one upstream response; every call happens on the shared event loop. */
interface ResponseListener {
  void onResponseHead(HttpResponse head);

  /** Ownership of {@code content} passes to the listener; the last piece is a LastHttpContent. */
  void onResponseContent(HttpContent content);

  /** The connection was lost, or sent garbage, before the response was complete. */
  void onUpstreamLost(Throwable cause);

  /**
   * The upstream socket has no more bytes for now: what the listener wrote onwards without flushing
   * (a response head, say, whose body arrived in the same read) goes out now, in one write.
   */
  default void onUpstreamReadComplete() {}
}
