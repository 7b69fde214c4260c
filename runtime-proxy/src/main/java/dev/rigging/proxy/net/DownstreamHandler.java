package dev.rigging.proxy.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
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
  private ScheduledFuture<?> headerTimer;
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
    cancelHeaderTimer();
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
    headerTimer =
        ctx.executor()
            .schedule(
                this::onHeaderTimeout,
                limits.requestHeaderTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
    pump();
  }

  private void onHeaderTimeout() {
    headerTimer = null;
    if (exchange == null && !closing) {
      stats.headerTimeouts.increment();
      close();
    }
  }

  private void cancelHeaderTimer() {
    if (headerTimer != null) {
      headerTimer.cancel(false);
      headerTimer = null;
    }
  }

  /** Moves queued pieces along as far as the current state allows, then asks for more bytes. */
  private void pump() {
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
    cancelHeaderTimer();
    stats.requests.increment();
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      reject(statusFor(cause), String.valueOf(cause.getMessage()));
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
    exchange = new Exchange(request);
    Decision decision;
    try {
      decision =
          router.route(
              new RequestHead(
                  request.method(),
                  request.uri(),
                  request.headers().copy(),
                  (InetSocketAddress) ctx.channel().remoteAddress(),
                  (InetSocketAddress) ctx.channel().localAddress()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "router failed on " + request.method() + " " + request.uri(), e);
      decision = Decision.Respond.text(500, "internal error\n");
    }
    switch (decision) {
      case Decision.Forward forward -> exchange.forward(forward);
      case Decision.Respond respond ->
          exchange.respondLocally(respond.status(), respond.headers(), respond.body());
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
    closing = true;
    releaseInbox();
    FullHttpResponse response = textResponse(HttpVersion.HTTP_1_1, status, status.reasonPhrase());
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    encoder.answeringHead(false);
    ctx.writeAndFlush(response).addListener(f -> lingeringClose());
  }

  /**
   * Half-closes and drains for a moment before closing: closing while the client is still sending
   * (an oversized header, say) makes the kernel answer with a reset that can destroy the error
   * response before the client reads it.
   */
  private void lingeringClose() {
    if (!(ctx.channel() instanceof SocketChannel socket) || !socket.isActive()) {
      ctx.close();
      return;
    }
    socket
        .shutdownOutput()
        .addListener(
            f -> {
              ctx.read();
              ctx.executor().schedule(() -> ctx.close(), LINGER.toNanos(), TimeUnit.NANOSECONDS);
            });
  }

  private static FullHttpResponse textResponse(
      HttpVersion version, HttpResponseStatus status, String body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            version, status, Unpooled.copiedBuffer(body + "\n", StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    HttpUtil.setContentLength(response, response.content().readableBytes());
    return response;
  }

  /** Closes after anything already written has been flushed. */
  private void close() {
    closing = true;
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  private void releaseInbox() {
    for (HttpObject o = inbox.pollFirst(); o != null; o = inbox.pollFirst()) {
      ReferenceCountUtil.release(o);
    }
  }

  /** One request and its response. */
  private final class Exchange implements ResponseListener {
    private final HttpRequest request;
    private final boolean clientKeepAlive;
    private final boolean requestHasBody;
    private final HttpVersion responseVersion;
    private boolean keepAlive;
    private boolean requestComplete;
    private boolean responseStarted;
    private boolean responseComplete;

    /** Remaining request pieces are dropped: the answer did not need them. */
    private boolean discarding;

    private UpstreamConnection upstream;
    private Channel upstreamChannel;
    private boolean writingUpstream;
    private Runnable cancelAcquire;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> idleCheck;
    private long lastActivity;
    private boolean finished;

    Exchange(HttpRequest request) {
      this.request = request;
      this.clientKeepAlive = HttpUtil.isKeepAlive(request);
      this.requestHasBody =
          HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
      this.responseVersion =
          request.protocolVersion().equals(HttpVersion.HTTP_1_0)
              ? HttpVersion.HTTP_1_0
              : HttpVersion.HTTP_1_1;
      this.keepAlive = clientKeepAlive;
    }

    boolean wantsRequestContent() {
      return !requestComplete && (discarding || (upstream != null && !writingUpstream));
    }

    void requestContent(HttpContent content) {
      lastActivity = System.nanoTime();
      boolean last = content instanceof LastHttpContent;
      if (last) {
        requestComplete = true;
      }
      if (content.decoderResult().isFailure()) {
        // A broken body after the head went out: neither connection can carry on.
        content.release();
        stats.badRequests.increment();
        abandon();
        close();
        return;
      }
      if (discarding) {
        content.release();
        finishIfDone();
        return;
      }
      writingUpstream = true;
      UpstreamConnection connection = upstream;
      upstreamChannel
          .writeAndFlush(content)
          .addListener(
              f -> {
                writingUpstream = false;
                if (!f.isSuccess()) {
                  return; // the upstream channel closes and reports through onUpstreamLost
                }
                if (last) {
                  connection.requestSent();
                }
                if (!finished) {
                  pump();
                }
              });
    }

    void forward(Decision.Forward decision) {
      lastActivity = System.nanoTime();
      scheduleIdleCheck(limits.streamIdleTimeout().toNanos());
      timeout =
          ctx.executor()
              .schedule(this::onTimeout, decision.timeout().toNanos(), TimeUnit.NANOSECONDS);
      cancelAcquire =
          pool.acquire(decision.upstream(), acquisition -> onAcquired(acquisition, decision));
    }

    private void onAcquired(Acquisition acquisition, Decision.Forward decision) {
      cancelAcquire = null;
      if (finished || closing || responseStarted) {
        if (acquisition instanceof Acquisition.Acquired acquired) {
          acquired.connection().releaseUnused();
        }
        return;
      }
      switch (acquisition) {
        case Acquisition.Overflow overflow -> {
          stats.overflows.increment();
          respondError(HttpResponseStatus.SERVICE_UNAVAILABLE, "upstream overflow", true);
        }
        case Acquisition.ConnectFailed failed -> {
          stats.connectFailures.increment();
          LOG.log(Level.FINE, "upstream connect failed: " + decision.upstream(), failed.cause());
          respondError(HttpResponseStatus.SERVICE_UNAVAILABLE, "upstream connect error", false);
        }
        case Acquisition.Acquired acquired -> send(acquired.connection(), decision);
      }
    }

    private void send(UpstreamConnection connection, Decision.Forward decision) {
      upstream = connection;
      upstreamChannel = connection.channel();
      connection.attach(this, true);
      if (HttpUtil.is100ContinueExpected(request)) {
        // Answered here, in turn, rather than by a handler that could interleave it with the
        // previous response of a pipelined connection; the upstream never sees the Expect.
        ctx.writeAndFlush(
            new DefaultFullHttpResponse(responseVersion, HttpResponseStatus.CONTINUE));
      }
      DefaultHttpRequest outbound =
          new DefaultHttpRequest(
              HttpVersion.HTTP_1_1, request.method(), request.uri(), request.headers().copy());
      HopByHopHeaders.strip(outbound.headers());
      outbound.headers().remove(HttpHeaderNames.EXPECT);
      decision.edits().applyTo(outbound.headers());
      if (HttpUtil.isTransferEncodingChunked(request)) {
        HttpUtil.setTransferEncodingChunked(outbound, true);
      }
      writingUpstream = true;
      upstreamChannel
          .writeAndFlush(outbound)
          .addListener(
              f -> {
                writingUpstream = false;
                if (f.isSuccess() && !finished) {
                  pump();
                }
              });
      upstreamChannel.read();
    }

    private void onTimeout() {
      timeout = null;
      if (finished || responseStarted) {
        return;
      }
      stats.timeouts.increment();
      if (cancelAcquire != null) {
        cancelAcquire.run();
        cancelAcquire = null;
      }
      if (upstream != null) {
        upstream.abort();
        upstream = null;
      }
      respondError(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream request timeout", false);
    }

    private void scheduleIdleCheck(long delayNanos) {
      idleCheck = ctx.executor().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Ends an exchange whose body stopped flowing. Waiting for response headers after a complete
     * request is the request timeout's business, not this one's.
     */
    private void checkIdle() {
      idleCheck = null;
      if (finished || (requestComplete && !responseStarted)) {
        if (!finished) {
          scheduleIdleCheck(limits.streamIdleTimeout().toNanos());
        }
        return;
      }
      long idle = System.nanoTime() - lastActivity;
      long limit = limits.streamIdleTimeout().toNanos();
      if (idle < limit) {
        scheduleIdleCheck(limit - idle);
        return;
      }
      stats.streamIdleTimeouts.increment();
      if (responseStarted) {
        finished = true;
        exchange = null;
        cancelIdleCheck();
        abandon();
        close();
        return;
      }
      if (cancelAcquire != null) {
        cancelAcquire.run();
        cancelAcquire = null;
      }
      if (upstream != null) {
        upstream.abort();
        upstream = null;
      }
      respondError(HttpResponseStatus.REQUEST_TIMEOUT, "stream idle timeout", false);
    }

    @Override
    public void onResponseHead(HttpResponse head) {
      lastActivity = System.nanoTime();
      cancelTimeout();
      responseStarted = true;
      HttpResponse response =
          new DefaultHttpResponse(responseVersion, head.status(), head.headers().copy());
      HopByHopHeaders.strip(response.headers());
      int code = head.status().code();
      boolean bodyless = HttpMethod.HEAD.equals(request.method()) || code == 204 || code == 304;
      if (!bodyless && !head.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
        if (responseVersion.equals(HttpVersion.HTTP_1_1)) {
          HttpUtil.setTransferEncodingChunked(response, true);
        } else {
          keepAlive = false; // an HTTP/1.0 client learns the end of the body from the close
        }
      }
      HttpUtil.setKeepAlive(response, keepAlive);
      ctx.writeAndFlush(response).addListener(this::afterDownstreamWrite);
    }

    @Override
    public void onResponseContent(HttpContent content) {
      lastActivity = System.nanoTime();
      if (content instanceof LastHttpContent) {
        responseComplete = true;
        upstream = null; // already back with the pool, or closed
        ctx.writeAndFlush(content)
            .addListener(
                f -> {
                  if (f.isSuccess()) {
                    finishIfDone();
                  }
                });
      } else {
        ctx.writeAndFlush(content).addListener(this::afterDownstreamWrite);
      }
    }

    private void afterDownstreamWrite(io.netty.util.concurrent.Future<? super Void> f) {
      if (!f.isSuccess()) {
        return; // the downstream channel closes and abandons the exchange
      }
      if (upstream != null) {
        upstreamChannel.read();
      }
    }

    @Override
    public void onUpstreamLost(Throwable cause) {
      upstream = null;
      cancelTimeout();
      if (finished) {
        return;
      }
      stats.upstreamResets.increment();
      LOG.log(Level.FINE, "upstream lost", cause);
      if (!responseStarted) {
        respondError(
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            "upstream connect error or disconnect/reset before headers",
            false);
      } else {
        // The status line is gone already; closing is the only honest signal left.
        finished = true;
        exchange = null;
        cancelIdleCheck();
        close();
      }
    }

    /** Answers from the proxy itself, keeping the connection only when no body is left unread. */
    void respondLocally(HttpResponseStatus status, Map<String, String> headers, byte[] body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(responseVersion, status, Unpooled.wrappedBuffer(body));
      headers.forEach(response.headers()::set);
      HttpUtil.setContentLength(response, body.length);
      writeLocal(response);
    }

    private void respondError(HttpResponseStatus status, String message, boolean overloaded) {
      FullHttpResponse response = textResponse(responseVersion, status, message);
      if (overloaded) {
        response.headers().set("x-envoy-overloaded", "true");
      }
      writeLocal(response);
    }

    private void writeLocal(FullHttpResponse response) {
      cancelTimeout();
      responseStarted = true;
      responseComplete = true;
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
        exchange = null;
        cancelIdleCheck();
        close();
      } else {
        pump();
      }
    }

    /** Moves on once both directions are done: the next request, or a close. */
    private void finishIfDone() {
      if (finished || !responseComplete || (discarding && keepAlive && !requestComplete)) {
        // A kept connection first drops what is left of the request (at most its empty end).
        return;
      }
      if (!requestComplete || !keepAlive) {
        // An upstream may answer before the upload ends; the rest of it cannot be framed.
        finished = true;
        exchange = null;
        cancelIdleCheck();
        close();
        return;
      }
      finished = true;
      exchange = null;
      cancelIdleCheck();
      waitForRequest();
    }

    /** The client went away: free whatever the exchange holds. */
    void abandon() {
      finished = true;
      cancelTimeout();
      cancelIdleCheck();
      if (cancelAcquire != null) {
        cancelAcquire.run();
        cancelAcquire = null;
      }
      if (upstream != null) {
        upstream.abort();
        upstream = null;
      }
    }

    private void cancelTimeout() {
      if (timeout != null) {
        timeout.cancel(false);
        timeout = null;
      }
    }

    private void cancelIdleCheck() {
      if (idleCheck != null) {
        idleCheck.cancel(false);
        idleCheck = null;
      }
    }
  }
}
