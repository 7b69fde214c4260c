package dev.rigging.proxy.net;

import static dev.rigging.proxy.net.ExchangeTimers.Kind.IDLE;
import static dev.rigging.proxy.net.ExchangeTimers.Kind.ROUTE;
import static dev.rigging.proxy.net.ExchangeTimers.Kind.TRY;
import static dev.rigging.proxy.net.ExchangeTimers.Kind.WAIT;

import dev.rigging.proxy.cluster.CircuitBreakers;
import io.netty.channel.ChannelHandlerContext;
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
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request and its response on a downstream connection: carries out the router's decision with
 * Envoy's router semantics (attempts, retries with backoff, per-try and route timeouts, circuit
 * breakers, mirrors, header edits), then reports the outcome to the router. This class takes the
 * request in, keeps the timeouts and relays the response; {@link UpstreamAttempts} makes the
 * attempts and {@link ExchangeResponder} answers locally and ends the exchange.
 */
final class Exchange extends UpstreamAttempts {
  private static final Logger LOG = Logger.getLogger(Exchange.class.getName());
  private long lastActivity;

  /** Response pieces written downstream but not yet flushed: they wait for the read's end. */
  private boolean unflushed;

  Exchange(DownstreamHandler connection, ChannelHandlerContext ctx, HttpRequest request) {
    super(connection, ctx, request);
  }

  /** Carries out {@code decision}. */
  void dispatch(Decision decision) {
    switch (decision) {
      case Decision.Forward forward -> forward(forward);
      case Decision.Respond respond -> {
        record.routeName = respond.routeName();
        record.addFlag(respond.flag());
        respondLocally(respond.status(), respond.headers(), respond.body());
      }
      case Decision.Delayed delayed -> {
        record.addFlag(delayed.flag());
        timers.set(
            WAIT,
            delayed.delay().toNanos(),
            () -> {
              if (!finished) {
                dispatch(delayed.then());
              }
            });
      }
    }
  }

  boolean wantsRequestContent() {
    return !requestComplete && (discarding || (upstream != null && !writingUpstream));
  }

  void requestContent(HttpContent content) {
    lastActivity = System.nanoTime();
    record.bytesReceived += content.content().readableBytes();
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
    record.routeName = decision.routeName();
    record.upstreamCluster = decision.cluster().name();
    budget = connection.pool().budget(decision.cluster());
    retries = new Retries(decision, budget);
    if (!budget.tryStartRequest()) {
      overflow(CircuitBreakers.Resource.REQUESTS);
      return;
    }
    holdsRequestSlot = true;
    if (decision.retry().isPresent() || !decision.mirrors().isEmpty()) {
      replay = new ReplayBuffer(REPLAY_LIMIT);
    }
    lastActivity = System.nanoTime();
    timers.set(IDLE, connection.limits().streamIdleTimeout().toNanos(), this::checkIdle);
    if (!requestHasBody) {
      // The request is complete with its head; its empty end is consumed with the first attempt.
      startRouteTimer();
      sendMirrors();
    }
    startAttempt();
  }

  private void startRouteTimer() {
    if (timers.isSet(ROUTE) || plan == null || plan.timeout().isEmpty()) {
      return;
    }
    timers.set(ROUTE, plan.timeout().get().toNanos(), this::onRouteTimeout);
  }

  @Override
  void onTryTimeout() {
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
      record.addFlag("UT");
      respondError(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream request timeout", false);
    }
  }

  private void onRouteTimeout() {
    if (finished) {
      return;
    }
    connection.stats().timeouts.increment();
    record.addFlag("UT");
    if (responseStarted) {
      resetAfterResponseStarted();
      return;
    }
    timers.cancel(WAIT);
    endAttempt(504);
    respondError(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream request timeout", false);
  }

  /**
   * Ends an exchange whose body stopped flowing. Waiting for response headers after a complete
   * request is the route timeout's business, not this one's.
   */
  private void checkIdle() {
    long limit = connection.limits().streamIdleTimeout().toNanos();
    if (finished || (requestComplete && !responseStarted)) {
      if (!finished) {
        timers.set(IDLE, limit, this::checkIdle);
      }
      return;
    }
    long idle = System.nanoTime() - lastActivity;
    if (idle < limit) {
      timers.set(IDLE, limit - idle, this::checkIdle);
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
    if (plan.retry().isPresent() && plan.retry().get().retriesStatus(code)) {
      InetSocketAddress failed = host;
      UpstreamConnection discarded = upstream;
      upstream = null;
      timers.cancel(TRY);
      if (retryIfAllowed(code, failed, discarded)) {
        return;
      }
      upstream = discarded;
      host = failed;
    }
    responseStarted = true;
    record.responseCode = code;
    timers.cancel(WAIT);
    HttpResponse response = OutboundRequests.responseHead(head, responseVersion, plan);
    boolean bodyless = HttpMethod.HEAD.equals(request.method()) || code == 204 || code == 304;
    if (!bodyless && !head.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      if (responseVersion.equals(HttpVersion.HTTP_1_1)) {
        HttpUtil.setTransferEncodingChunked(response, true);
      } else {
        keepAlive = false; // an HTTP/1.0 client learns the end of the body from the close
      }
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    // Not flushed yet: a small body usually came in the same read, and head and body then leave
    // in one write (one TLS record) when the read ends or the body's last piece is written.
    unflushed = true;
    ctx.write(response).addListener(this::afterDownstreamWrite);
  }

  @Override
  public void onUpstreamReadComplete() {
    if (unflushed) {
      unflushed = false;
      ctx.flush();
    }
  }

  /** Drops a retriable response and tries again, when the policy and budget allow. */
  private boolean retryIfAllowed(int code, InetSocketAddress failed, UpstreamConnection response) {
    // Decide before closing: a refused retry relays this very response.
    if (!retries.remain(replayable()) || !(requestComplete || !requestHasBody)) {
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
    record.bytesSent += content.content().readableBytes();
    if (content instanceof LastHttpContent) {
      responseComplete = true;
      upstream = null; // already back with the pool, or closed
      timers.cancel(TRY);
      timers.cancel(ROUTE);
      if (host != null) {
        plan.cluster().attemptEnded(host, record.responseCode);
        host = null;
      }
      unflushed = false;
      ctx.writeAndFlush(content)
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  finishIfDone();
                }
              });
    } else {
      unflushed = true;
      ctx.write(content).addListener(this::afterDownstreamWrite);
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
    if (cause instanceof StaleConnectionException
        && retries.takeStaleResend(request.method(), requestHasBody)) {
      // Not the policy's retry: the request met a connection the upstream had closed as idle.
      connection.stats().staleConnectionResends.increment();
      endAttempt(0);
      startAttempt();
      return;
    }
    endAttempt(503);
    if (!retry(plan.retry().map(RetryPlan::retriesReset).orElse(false))) {
      record.addFlag("UC");
      respondError(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "upstream connect error or disconnect/reset before headers. reset reason: connection"
              + " termination",
          false);
    }
  }

  /** The client went away: free whatever the exchange holds. */
  void abandon() {
    finished = true;
    timers.cancel(WAIT);
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
}
