package dev.rigging.proxy.net;

import static dev.rigging.proxy.net.ExchangeTimers.Kind.ROUTE;
import static dev.rigging.proxy.net.ExchangeTimers.Kind.TRY;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/**
 * The downstream half of an exchange: the state both directions share, answers made by the proxy
 * itself, and the end of the exchange (the next request or a close, and the access-log record).
 */
abstract class ExchangeResponder {
  final DownstreamHandler connection;
  final ChannelHandlerContext ctx;
  final HttpRequest request;
  final boolean requestHasBody;
  final HttpVersion responseVersion;
  final ExchangeRecord record = new ExchangeRecord();
  final ExchangeTimers timers;
  boolean keepAlive;
  boolean requestComplete;
  boolean responseStarted;
  boolean responseComplete;

  /** Remaining request pieces are dropped: the answer did not need them. */
  boolean discarding;

  boolean finished;
  private boolean logged;

  ExchangeResponder(DownstreamHandler connection, ChannelHandlerContext ctx, HttpRequest request) {
    this.connection = connection;
    this.ctx = ctx;
    this.request = request;
    this.timers = new ExchangeTimers(connection.deadlines());
    this.requestHasBody =
        HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    this.responseVersion =
        request.protocolVersion().equals(HttpVersion.HTTP_1_0)
            ? HttpVersion.HTTP_1_0
            : HttpVersion.HTTP_1_1;
    this.keepAlive = HttpUtil.isKeepAlive(request);
  }

  /** Gives back what the forwarding half holds (budget slots, buffers); runs once per end. */
  abstract void release();

  /** Answers from the proxy itself, keeping the connection only when no body is left unread. */
  void respondLocally(HttpResponseStatus status, Map<String, String> headers, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(responseVersion, status, Unpooled.wrappedBuffer(body));
    headers.forEach(response.headers()::set);
    HttpUtil.setContentLength(response, body.length);
    writeLocal(response);
  }

  void respondError(HttpResponseStatus status, String message, boolean overloaded) {
    FullHttpResponse response = DownstreamHandler.textResponse(responseVersion, status, message);
    if (overloaded) {
      response.headers().set("x-envoy-overloaded", "true");
    }
    writeLocal(response);
  }

  private void writeLocal(FullHttpResponse response) {
    timers.cancel(ROUTE);
    timers.cancel(TRY);
    responseStarted = true;
    responseComplete = true;
    record.responseCode = response.status().code();
    record.bytesSent += response.content().readableBytes();
    keepAlive = keepAlive && (requestComplete || !requestHasBody);
    discarding = true;
    HttpUtil.setKeepAlive(response, keepAlive);
    ctx.writeAndFlush(response)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                finishIfDone();
              }
            });
    if (!keepAlive) {
      finished = true;
      end();
      connection.close();
    } else {
      connection.pump();
    }
  }

  /** Moves on once both directions are done: the next request, or a close. */
  void finishIfDone() {
    if (finished || !responseComplete || (discarding && keepAlive && !requestComplete)) {
      // A kept connection first drops what is left of the request (at most its empty end).
      return;
    }
    finished = true;
    end();
    if (!requestComplete || !keepAlive) {
      // An upstream may answer before the upload ends; the rest of it cannot be framed.
      connection.close();
      return;
    }
    connection.nextRequest();
  }

  /** Releases what the exchange holds and reports it, once. */
  void end() {
    connection.exchangeEnded((Exchange) this);
    timers.close();
    release();
    if (logged) {
      return;
    }
    logged = true;
    connection.log(record.toLog(request, connection));
  }
}
