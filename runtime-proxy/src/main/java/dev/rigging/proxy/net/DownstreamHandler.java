package dev.rigging.proxy.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One downstream connection: requests are taken one at a time (pipelined ones wait their turn), and
 * the socket is read only when the previous piece has been written onwards, so a body of any size
 * streams through with at most one read's worth buffered.
 */
final class DownstreamHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(DownstreamHandler.class.getName());

  /** How long a refused client may keep sending before the connection is closed on it. */
  private static final Duration LINGER = Duration.ofSeconds(2);

  private final RequestRouter router;
  private final ProxyLimits limits;
  private final ProxyStats stats;
  private final UpstreamPool pool;
  private final HeadAwareResponseEncoder encoder;

  /** Decoded pieces not yet acted on: bounded by what one socket read can hold. */
  private final ArrayDeque<HttpObject> inbox = new ArrayDeque<>();

  private ChannelHandlerContext ctx;
  private Exchange exchange;
  private ConnectionInfo info = ConnectionInfo.PLAIN;

  /** While no exchange runs: the wait for the next request's first byte, then for its head. */
  private Deadline waiting;

  /** The deadlines each exchange borrows in turn ({@link ExchangeTimers}). */
  private Deadline[] exchangeDeadlines;

  private boolean servedOne;
  private boolean awaitingFirstByte;
  private boolean closing;
  private boolean pumping;

  DownstreamHandler(
      RequestRouter router,
      ProxyLimits limits,
      ProxyStats stats,
      UpstreamPool pool,
      HeadAwareResponseEncoder encoder) {
    this.router = router;
    this.limits = limits;
    this.stats = stats;
    this.pool = pool;
    this.encoder = encoder;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.waiting = new Deadline(ctx.executor());
    this.exchangeDeadlines = new Deadline[ExchangeTimers.Kind.values().length];
    for (int i = 0; i < exchangeDeadlines.length; i++) {
      exchangeDeadlines[i] = new Deadline(ctx.executor());
    }
  }

  Deadline[] deadlines() {
    return exchangeDeadlines;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    waitForRequest();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing || !(msg instanceof HttpObject object)) {
      ReferenceCountUtil.release(msg);
      if (closing && ctx.channel().isActive()) {
        ctx.read(); // lingering: drain what the client still sends until it closes
      }
      return;
    }
    inbox.addLast(object);
    pump();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    stopWaiting();
    if (exchange != null) {
      exchange.abandon();
      exchange = null;
    }
    releaseInbox();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "downstream connection error", cause);
    close();
  }

  private void waitForRequest() {
    if (servedOne && inbox.isEmpty()) {
      // A kept-alive connection may idle as long as a proxy in front pools it; closing it sooner
      // races that proxy's next request onto a closing connection.
      awaitingFirstByte = true;
      waiting.set(limits.downstreamIdleTimeout().toNanos(), this::onIdleTimeout);
    } else {
      startHeaderTimer();
    }
    pump();
  }

  private void startHeaderTimer() {
    waiting.set(limits.requestHeaderTimeout().toNanos(), this::onHeaderTimeout);
  }

  /** Bytes arrived from the client: an idle wait becomes a wait for the rest of a request head. */
  void bytesArrived() {
    if (awaitingFirstByte) {
      awaitingFirstByte = false;
      stopWaiting();
      if (exchange == null && !closing) {
        startHeaderTimer();
      }
    }
  }

  private void onIdleTimeout() {
    if (exchange == null && !closing) {
      close();
    }
  }

  private void onHeaderTimeout() {
    if (exchange == null && !closing) {
      stats.headerTimeouts.increment();
      close();
    }
  }

  /** Ends the wait for a request (idle or mid-head): a request has started, or the end has. */
  private void stopWaiting() {
    awaitingFirstByte = false;
    waiting.clear();
  }

  /** Moves queued pieces along as far as the current state allows, then asks for more bytes. */
  void pump() {
    // Re-entered from inside the loop (a local answer, a synchronous pool hand-out): the outer
    // loop re-checks the state, and returning keeps the stack flat under heavy pipelining.
    if (pumping) {
      return;
    }
    pumping = true;
    try {
      pumpLoop();
    } finally {
      pumping = false;
    }
  }

  private void pumpLoop() {
    while (!closing) {
      if (exchange == null) {
        HttpObject next = inbox.pollFirst();
        if (next == null) {
          ctx.read();
          return;
        }
        if (next instanceof HttpRequest request) {
          start(request);
        } else {
          // The tail of a refused message; nothing to do with it.
          ReferenceCountUtil.release(next);
        }
        continue;
      }
      if (!exchange.wantsRequestContent()) {
        return;
      }
      HttpObject next = inbox.pollFirst();
      if (next == null) {
        ctx.read();
        return;
      }
      if (!(next instanceof HttpContent content)) {
        ReferenceCountUtil.release(next);
        close();
        return;
      }
      exchange.requestContent(content);
    }
  }

  private void start(HttpRequest request) {
    stopWaiting();
    servedOne = true;
    stats.requests.increment();
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      reject(statusFor(cause), String.valueOf(cause.getMessage()));
      return;
    }
    if (request.protocolVersion().majorVersion() != 1) {
      // An HTTP/2 prior-knowledge preface ("PRI * HTTP/2.0"): this listener speaks HTTP/1.1 only.
      reject(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.1 is served here");
      return;
    }
    Optional<String> problem = RequestChecks.problem(request);
    if (problem.isPresent()) {
      reject(HttpResponseStatus.BAD_REQUEST, problem.get());
      return;
    }
    String expect = request.headers().get(HttpHeaderNames.EXPECT);
    if (expect != null
        && request.protocolVersion().equals(HttpVersion.HTTP_1_1)
        && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect)) {
      reject(HttpResponseStatus.EXPECTATION_FAILED, "unsupported Expect");
      return;
    }
    encoder.answeringHead(HttpMethod.HEAD.equals(request.method()));
    ConnectionInfo known = ctx.channel().attr(ConnectionInfo.KEY).get();
    if (known != null) {
      info = known;
    }
    exchange = new Exchange(this, ctx, request);
    Decision decision;
    try {
      decision =
          router.route(
              new RequestHead(
                  request.method(),
                  request.uri(),
                  request.headers(),
                  remote(),
                  (InetSocketAddress) ctx.channel().localAddress(),
                  info));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "router failed on " + request.method() + " " + request.uri(), e);
      decision = Decision.Respond.text(500, "internal error\n");
    }
    exchange.dispatch(decision);
  }

  // What the exchange of the moment needs from its connection.

  ProxyLimits limits() {
    return limits;
  }

  ProxyStats stats() {
    return stats;
  }

  UpstreamPool pool() {
    return pool;
  }

  ConnectionInfo info() {
    return info;
  }

  InetSocketAddress remote() {
    return (InetSocketAddress) ctx.channel().remoteAddress();
  }

  boolean isClosing() {
    return closing;
  }

  /** The exchange has released what it held; the connection no longer points at it. */
  void exchangeEnded(Exchange ended) {
    if (exchange == ended) {
      exchange = null;
    }
  }

  /** The exchange completed and the connection is kept: read the next request. */
  void nextRequest() {
    waitForRequest();
  }

  void log(ExchangeLog log) {
    try {
      router.completed(log);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "request log failed", e);
    }
  }

  private static HttpResponseStatus statusFor(Throwable cause) {
    if (cause instanceof TooLongHttpHeaderException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    if (cause instanceof TooLongHttpLineException) {
      return HttpResponseStatus.REQUEST_URI_TOO_LONG;
    }
    if (cause instanceof TooLongFrameException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    return HttpResponseStatus.BAD_REQUEST;
  }

  /** Refuses a request the proxy cannot frame safely, and closes: the byte stream is suspect. */
  private void reject(HttpResponseStatus status, String reason) {
    stats.badRequests.increment();
    LOG.log(Level.FINE, () -> "rejected request " + status + ": " + reason);
    log(
        new ExchangeLog(
            java.time.Instant.now(),
            0,
            "",
            "",
            io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE,
            "HTTP/1.1",
            status.code(),
            java.util.List.of(),
            0,
            0,
            "",
            "",
            null,
            info,
            remote()));
    closing = true;
    releaseInbox();
    FullHttpResponse response = textResponse(HttpVersion.HTTP_1_1, status, status.reasonPhrase());
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    encoder.answeringHead(false);
    ctx.writeAndFlush(response).addListener(f -> lingeringClose());
  }

  /**
   * Half-closes and drains for a moment before closing: closing while the client is still sending
   * (an oversized header, a body the proxy will not read) makes the kernel answer with a reset that
   * can destroy the response before the client reads it, or make the client give up on it. Over
   * TLS, a {@code close_notify} goes first, so that a client reading to the end of the stream knows
   * the end is real.
   */
  private void lingeringClose() {
    if (!(ctx.channel() instanceof SocketChannel socket) || !socket.isActive()) {
      ctx.close();
      return;
    }
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    ChannelFuture said = tls == null ? ctx.newSucceededFuture() : tls.closeOutbound();
    said.addListener(
        notified ->
            socket
                .shutdownOutput()
                .addListener(
                    f -> {
                      ctx.read();
                      ctx.executor()
                          .schedule(() -> ctx.close(), LINGER.toNanos(), TimeUnit.NANOSECONDS);
                    }));
  }

  static FullHttpResponse textResponse(
      HttpVersion version, HttpResponseStatus status, String body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            version, status, Unpooled.copiedBuffer(body + "\n", StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    HttpUtil.setContentLength(response, response.content().readableBytes());
    return response;
  }

  /**
   * Closes after anything already written has been flushed, lingering as {@link #lingeringClose}
   * does: the client may still be sending (an answer came before the upload ended, or the body
   * broke), and closing on unread bytes sends a reset, on which a client still sending the body
   * gives up without reading the answer it was sent.
   */
  void close() {
    closing = true;
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> lingeringClose());
  }

  private void releaseInbox() {
    for (HttpObject o = inbox.pollFirst(); o != null; o = inbox.pollFirst()) {
      ReferenceCountUtil.release(o);
    }
  }
}
