package dev.rigging.proxy.net;

import dev.rigging.proxy.cluster.CircuitBreakers;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request and its response on a downstream connection: carries out the router's decision with
 * Envoy's router semantics (attempts, retries with backoff, per-try and route timeouts, circuit
 * breakers, mirrors, header edits), then reports the outcome to the router.
 */
final class Exchange implements ResponseListener {
  private static final Logger LOG = Logger.getLogger(Exchange.class.getName());

  /** Envoy's default per-connection buffer limit, which also bounds what a retry can replay. */
  static final long REPLAY_LIMIT = 1024 * 1024;

  /** How long a mirror copy may take when the route sets no timeout (Envoy's default). */
  private static final Duration MIRROR_TIMEOUT = Duration.ofSeconds(15);

  private final DownstreamHandler connection;
  private final ChannelHandlerContext ctx;
  private final HttpRequest request;
  private final boolean requestHasBody;
  private final HttpVersion responseVersion;
  private boolean keepAlive;
  private boolean requestComplete;
  private boolean responseStarted;
  private boolean responseComplete;

  /** Remaining request pieces are dropped: the answer did not need them. */
  private boolean discarding;

  private Decision.Forward plan;
  private UpstreamBudget budget;
  private boolean holdsRequestSlot;
  private boolean holdsRetrySlot;
  private int retriesUsed;
  private ReplayBuffer replay;
  private InetSocketAddress host;
  private UpstreamConnection upstream;
  private Channel upstreamChannel;
  private boolean writingUpstream;
  private Runnable cancelAcquire;
  private ScheduledFuture<?> routeTimer;
  private ScheduledFuture<?> tryTimer;
  private ScheduledFuture<?> waitTimer;
  private ScheduledFuture<?> idleCheck;
  private long lastActivity;
  private boolean finished;
  private boolean logged;
  private boolean mirrored;

  private final Instant startTime = Instant.now();
  private final long startNanos = System.nanoTime();
  private int responseCode;
  private final List<String> flags = new ArrayList<>(2);
  private long bytesReceived;
  private long bytesSent;
  private String routeName = "";
  private String upstreamCluster = "";
  private InetSocketAddress loggedHost;
  private io.netty.handler.codec.http.HttpHeaders loggedHeaders;

  Exchange(DownstreamHandler connection, ChannelHandlerContext ctx, HttpRequest request) {
    this.connection = connection;
    this.ctx = ctx;
    this.request = request;
    this.requestHasBody =
        HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    this.responseVersion =
        request.protocolVersion().equals(HttpVersion.HTTP_1_0)
            ? HttpVersion.HTTP_1_0
            : HttpVersion.HTTP_1_1;
    this.keepAlive = HttpUtil.isKeepAlive(request);
  }

  /** Carries out {@code decision}. */
  void dispatch(Decision decision) {
    switch (decision) {
      case Decision.Forward forward -> forward(forward);
      case Decision.Respond respond -> {
        routeName = respond.routeName();
        addFlag(respond.flag());
        respondLocally(respond.status(), respond.headers(), respond.body());
      }
      case Decision.Delayed delayed -> {
        addFlag(delayed.flag());
        waitTimer =
            ctx.executor()
                .schedule(
                    () -> {
                      waitTimer = null;
                      if (!finished) {
                        dispatch(delayed.then());
                      }
                    },
                    delayed.delay().toNanos(),
                    TimeUnit.NANOSECONDS);
      }
    }
  }

  boolean wantsRequestContent() {
    return !requestComplete && (discarding || (upstream != null && !writingUpstream));
  }

  void requestContent(HttpContent content) {
    lastActivity = System.nanoTime();
    bytesReceived += content.content().readableBytes();
    boolean last = content instanceof LastHttpContent;
    if (last) {
      requestComplete = true;
    }
    if (content.decoderResult().isFailure()) {
      // A broken body after the head went out: neither connection can carry on.
      content.release();
      connection.stats().badRequests.increment();
      abandon();
      connection.close();
      return;
    }
    if (discarding) {
      content.release();
      finishIfDone();
      return;
    }
    if (replay != null) {
      replay.add(content);
    }
    if (last) {
      startRouteTimer();
      sendMirrors();
    }
    writingUpstream = true;
    UpstreamConnection current = upstream;
    upstreamChannel
        .writeAndFlush(content)
        .addListener(
            f -> {
              writingUpstream = false;
              if (!f.isSuccess() || current != upstream) {
                return; // the upstream channel closes and reports through onUpstreamLost
              }
              if (last) {
                current.requestSent();
              }
              if (!finished) {
                connection.pump();
              }
            });
  }

  private void forward(Decision.Forward decision) {
    plan = decision;
    routeName = decision.routeName();
    upstreamCluster = decision.cluster().name();
    budget = connection.pool().budget(decision.cluster());
    if (!budget.tryStartRequest()) {
      overflow(CircuitBreakers.Resource.REQUESTS);
      return;
    }
    holdsRequestSlot = true;
    if (decision.retry().isPresent() || !decision.mirrors().isEmpty()) {
      replay = new ReplayBuffer(REPLAY_LIMIT);
    }
    lastActivity = System.nanoTime();
    scheduleIdleCheck(connection.limits().streamIdleTimeout().toNanos());
    if (!requestHasBody) {
      // The request is complete with its head; its empty end is consumed with the first attempt.
      startRouteTimer();
      sendMirrors();
    }
    startAttempt();
  }

  private void startRouteTimer() {
    if (routeTimer != null || plan == null || plan.timeout().isEmpty()) {
      return;
    }
    routeTimer =
        ctx.executor()
            .schedule(this::onRouteTimeout, plan.timeout().get().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void startAttempt() {
    Optional<InetSocketAddress> chosen =
        plan.cluster().choose(ThreadLocalRandom.current().nextLong());
    if (chosen.isEmpty()) {
      addFlag("UH");
      respondError(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy upstream", false);
      return;
    }
    host = chosen.get();
    loggedHost = host;
    plan.cluster().attemptStarted(host);
    plan.retry()
        .flatMap(RetryPlan::perTryTimeout)
        .ifPresent(
            perTry ->
                tryTimer =
                    ctx.executor()
                        .schedule(this::onTryTimeout, perTry.toNanos(), TimeUnit.NANOSECONDS));
    InetSocketAddress target = host;
    cancelAcquire = connection.pool().acquire(plan.cluster(), target, a -> onAcquired(a, target));
  }

  private void onAcquired(Acquisition acquisition, InetSocketAddress target) {
    cancelAcquire = null;
    if (finished || connection.isClosing() || responseStarted || target != host) {
      if (acquisition instanceof Acquisition.Acquired acquired) {
        acquired.connection().releaseUnused();
      }
      return;
    }
    switch (acquisition) {
      case Acquisition.Overflow overflow -> {
        plan.cluster().attemptEnded(target, 0);
        overflow(CircuitBreakers.Resource.PENDING_REQUESTS);
      }
      case Acquisition.ConnectFailed failed -> {
        connection.stats().connectFailures.increment();
        LOG.log(Level.FINE, "upstream connect failed: " + target, failed.cause());
        endAttempt(503);
        if (!retry(plan.retry().map(RetryPlan::retriesConnectFailure).orElse(false))) {
          addFlag("UF");
          respondError(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "upstream connect error or disconnect/reset before headers. reset reason: connection"
                  + " failure",
              false);
        }
      }
      case Acquisition.Acquired acquired -> send(acquired.connection());
    }
  }

  private void overflow(CircuitBreakers.Resource limit) {
    plan.cluster().overflowed(limit);
    connection.stats().overflows.increment();
    addFlag("UO");
    respondError(
        HttpResponseStatus.SERVICE_UNAVAILABLE, "upstream connect error or overflow", true);
  }

  private void send(UpstreamConnection attempt) {
    upstream = attempt;
    upstreamChannel = attempt.channel();
    attempt.attach(this, true);
    if (retriesUsed == 0 && HttpUtil.is100ContinueExpected(request)) {
      // Answered here, in turn, rather than by a handler that could interleave it with the
      // previous response of a pipelined connection; the upstream never sees the Expect.
      ctx.writeAndFlush(new DefaultFullHttpResponse(responseVersion, HttpResponseStatus.CONTINUE));
    }
    HttpRequest outbound = outboundHead();
    // The access log shows the headers as forwarded (a generated x-request-id included), as
    // Envoy's %REQ()% does.
    loggedHeaders = outbound.headers();
    writingUpstream = true;
    upstreamChannel.write(outbound);
    boolean replayedAll = false;
    if (replay != null && retriesUsed > 0) {
      for (HttpContent piece : replay.copies()) {
        replayedAll |= piece instanceof LastHttpContent;
        upstreamChannel.write(piece);
      }
    }
    boolean sentAll = replayedAll;
    upstreamChannel
        .writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            f -> {
              writingUpstream = false;
              if (f.isSuccess() && attempt == upstream) {
                if (sentAll) {
                  attempt.requestSent();
                }
                if (!finished) {
                  connection.pump();
                }
              }
            });
    upstreamChannel.read();
  }

  private HttpRequest outboundHead() {
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

  private void sendMirrors() {
    if (mirrored
        || plan == null
        || plan.mirrors().isEmpty()
        || replay == null
        || !replay.replayable()) {
      return;
    }
    mirrored = true;
    HttpRequest head = ShadowRequest.shadowHead(outboundHead());
    for (MirrorTarget mirror : plan.mirrors()) {
      ShadowRequest.send(
          connection.pool(),
          ctx.channel().eventLoop(),
          mirror.cluster(),
          head,
          requestHasBody ? replay.copies() : List.of(),
          plan.timeout().orElse(MIRROR_TIMEOUT));
    }
  }

  /**
   * Starts another attempt if the policy allows one for this failure, the body can be replayed and
   * the cluster's retry budget has room.
   */
  private boolean retry(boolean conditionHolds) {
    if (!conditionHolds || plan.retry().isEmpty() || responseStarted || finished) {
      return false;
    }
    RetryPlan policy = plan.retry().get();
    boolean replayable = !requestHasBody || (replay != null && replay.replayable());
    if (retriesUsed >= policy.retries() || !replayable) {
      addFlag("URX");
      return false;
    }
    if (holdsRetrySlot) {
      budget.retryEnded();
      holdsRetrySlot = false;
    }
    if (!budget.tryStartRetry()) {
      plan.cluster().overflowed(CircuitBreakers.Resource.RETRIES);
      addFlag("URX");
      return false;
    }
    holdsRetrySlot = true;
    retriesUsed++;
    plan.cluster().retried();
    Duration wait = policy.backoff().apply(retriesUsed);
    waitTimer =
        ctx.executor()
            .schedule(
                () -> {
                  waitTimer = null;
                  if (!finished && !responseStarted) {
                    startAttempt();
                  }
                },
                wait.toNanos(),
                TimeUnit.NANOSECONDS);
    return true;
  }

  /** Ends the current attempt: its connection (if any) is closed, never reused. */
  private void endAttempt(int status) {
    cancel(tryTimer);
    tryTimer = null;
    if (cancelAcquire != null) {
      cancelAcquire.run();
      cancelAcquire = null;
    }
    if (upstream != null) {
      upstream.abort();
      upstream = null;
    }
    writingUpstream = false;
    if (host != null) {
      plan.cluster().attemptEnded(host, status);
    }
  }

  private void onTryTimeout() {
    tryTimer = null;
    if (finished) {
      return;
    }
    if (responseStarted) {
      resetAfterResponseStarted();
      return;
    }
    connection.stats().timeouts.increment();
    endAttempt(504);
    if (!retry(plan.retry().map(RetryPlan::retriesPerTryTimeout).orElse(false))) {
      addFlag("UT");
      respondError(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream request timeout", false);
    }
  }

  private void onRouteTimeout() {
    routeTimer = null;
    if (finished) {
      return;
    }
    connection.stats().timeouts.increment();
    addFlag("UT");
    if (responseStarted) {
      resetAfterResponseStarted();
      return;
    }
    cancel(waitTimer);
    waitTimer = null;
    endAttempt(504);
    respondError(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream request timeout", false);
  }

  /** The status line is gone already; closing is the only honest signal left. */
  private void resetAfterResponseStarted() {
    if (upstream != null) {
      upstream.abort();
      upstream = null;
    }
    if (host != null) {
      plan.cluster().attemptEnded(host, 504);
      host = null;
    }
    finished = true;
    end();
    connection.close();
  }

  private void scheduleIdleCheck(long delayNanos) {
    idleCheck = ctx.executor().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Ends an exchange whose body stopped flowing. Waiting for response headers after a complete
   * request is the route timeout's business, not this one's.
   */
  private void checkIdle() {
    idleCheck = null;
    if (finished || (requestComplete && !responseStarted)) {
      if (!finished) {
        scheduleIdleCheck(connection.limits().streamIdleTimeout().toNanos());
      }
      return;
    }
    long idle = System.nanoTime() - lastActivity;
    long limit = connection.limits().streamIdleTimeout().toNanos();
    if (idle < limit) {
      scheduleIdleCheck(limit - idle);
      return;
    }
    connection.stats().streamIdleTimeouts.increment();
    if (responseStarted) {
      resetAfterResponseStarted();
      return;
    }
    endAttempt(408);
    respondError(HttpResponseStatus.REQUEST_TIMEOUT, "stream idle timeout", false);
  }

  @Override
  public void onResponseHead(HttpResponse head) {
    lastActivity = System.nanoTime();
    int code = head.status().code();
    if (plan.retry().map(policy -> policy.retriesStatus(code)).orElse(false)) {
      InetSocketAddress failed = host;
      UpstreamConnection discarded = upstream;
      upstream = null;
      cancel(tryTimer);
      tryTimer = null;
      if (retryIfAllowed(code, failed, discarded)) {
        return;
      }
      upstream = discarded;
      host = failed;
    }
    responseStarted = true;
    responseCode = code;
    cancel(waitTimer);
    HttpResponse response =
        new DefaultHttpResponse(responseVersion, head.status(), head.headers().copy());
    HopByHopHeaders.strip(response.headers());
    plan.responseEdits().applyTo(response.headers());
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

  /** Drops a retriable response and tries again, when the policy and budget allow. */
  private boolean retryIfAllowed(int code, InetSocketAddress failed, UpstreamConnection response) {
    // Decide before closing: a refused retry relays this very response.
    RetryPlan policy = plan.retry().get();
    boolean replayable = !requestHasBody || (replay != null && replay.replayable());
    if (retriesUsed >= policy.retries() || !replayable || !(requestComplete || !requestHasBody)) {
      return false;
    }
    response.abort(); // its body is not wanted
    plan.cluster().attemptEnded(failed, code);
    if (retry(true)) {
      return true;
    }
    // The budget refused after the connection was dropped: answer as Envoy does on exhaustion.
    respondError(HttpResponseStatus.valueOf(code), "upstream retry limit exceeded", false);
    return true;
  }

  @Override
  public void onResponseContent(HttpContent content) {
    lastActivity = System.nanoTime();
    bytesSent += content.content().readableBytes();
    if (content instanceof LastHttpContent) {
      responseComplete = true;
      upstream = null; // already back with the pool, or closed
      cancel(tryTimer);
      tryTimer = null;
      cancel(routeTimer);
      routeTimer = null;
      if (host != null) {
        plan.cluster().attemptEnded(host, responseCode);
        host = null;
      }
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

  private void afterDownstreamWrite(Future<? super Void> f) {
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
    if (finished) {
      return;
    }
    connection.stats().upstreamResets.increment();
    LOG.log(Level.FINE, "upstream lost", cause);
    if (responseStarted) {
      resetAfterResponseStarted();
      return;
    }
    endAttempt(503);
    if (!retry(plan.retry().map(RetryPlan::retriesReset).orElse(false))) {
      addFlag("UC");
      respondError(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "upstream connect error or disconnect/reset before headers. reset reason: connection"
              + " termination",
          false);
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
    FullHttpResponse response = DownstreamHandler.textResponse(responseVersion, status, message);
    if (overloaded) {
      response.headers().set("x-envoy-overloaded", "true");
    }
    writeLocal(response);
  }

  private void writeLocal(FullHttpResponse response) {
    cancel(routeTimer);
    routeTimer = null;
    cancel(tryTimer);
    tryTimer = null;
    responseStarted = true;
    responseComplete = true;
    responseCode = response.status().code();
    bytesSent += response.content().readableBytes();
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
  private void finishIfDone() {
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

  /** The client went away: free whatever the exchange holds. */
  void abandon() {
    finished = true;
    cancel(waitTimer);
    waitTimer = null;
    if (cancelAcquire != null) {
      cancelAcquire.run();
      cancelAcquire = null;
    }
    if (upstream != null) {
      upstream.abort();
      upstream = null;
    }
    if (host != null && plan != null) {
      plan.cluster().attemptEnded(host, 0);
      host = null;
    }
    end();
  }

  /** Releases what the exchange holds and reports it, once. */
  private void end() {
    connection.exchangeEnded(this);
    cancel(routeTimer);
    cancel(tryTimer);
    cancel(idleCheck);
    routeTimer = null;
    tryTimer = null;
    idleCheck = null;
    if (holdsRequestSlot) {
      budget.requestEnded();
      holdsRequestSlot = false;
    }
    if (holdsRetrySlot) {
      budget.retryEnded();
      holdsRetrySlot = false;
    }
    if (replay != null) {
      replay.release();
    }
    if (logged) {
      return;
    }
    logged = true;
    connection.log(
        new ExchangeLog(
            startTime,
            System.nanoTime() - startNanos,
            request.method().name(),
            request.uri(),
            loggedHeaders != null ? loggedHeaders : request.headers(),
            request.protocolVersion().text(),
            responseCode,
            flags,
            bytesReceived,
            bytesSent,
            routeName,
            upstreamCluster,
            loggedHost,
            connection.info(),
            connection.remote()));
  }

  private void addFlag(String flag) {
    if (!flag.isEmpty() && !flags.contains(flag)) {
      flags.add(flag);
    }
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
