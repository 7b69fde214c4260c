package dev.rigging.proxy.net;

import static dev.rigging.proxy.net.ExchangeTimers.Kind.TRY;
import static dev.rigging.proxy.net.ExchangeTimers.Kind.WAIT;

import dev.rigging.proxy.cluster.CircuitBreakers;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The attempts of an exchange: choosing a host, acquiring a pooled connection, sending the request
 * (replayed on a retry), mirrors, and the retry policy with its budget.
 */
abstract class UpstreamAttempts extends ExchangeResponder implements ResponseListener {
  private static final Logger LOG = Logger.getLogger(UpstreamAttempts.class.getName());

  /** Envoy's default per-connection buffer limit, which also bounds what a retry can replay. */
  static final long REPLAY_LIMIT = 1024 * 1024;

  Decision.Forward plan;
  UpstreamBudget budget;
  Retries retries;
  boolean holdsRequestSlot;
  ReplayBuffer replay;
  InetSocketAddress host;
  UpstreamConnection upstream;
  Channel upstreamChannel;
  boolean writingUpstream;
  Runnable cancelAcquire;
  boolean mirrored;

  void startAttempt() {
    Optional<InetSocketAddress> chosen =
        plan.cluster().choose(ThreadLocalRandom.current().nextLong());
    if (chosen.isEmpty()) {
      record.addFlag("UH");
      respondError(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy upstream", false);
      return;
    }
    host = chosen.get();
    record.host = host;
    plan.cluster().attemptStarted(host);
    plan.retry()
        .flatMap(RetryPlan::perTryTimeout)
        .ifPresent(perTry -> timers.set(TRY, perTry.toNanos(), this::onTryTimeout));
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
          record.addFlag("UF");
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

  void overflow(CircuitBreakers.Resource limit) {
    plan.cluster().overflowed(limit);
    connection.stats().overflows.increment();
    record.addFlag("UO");
    respondError(
        HttpResponseStatus.SERVICE_UNAVAILABLE, "upstream connect error or overflow", true);
  }

  private void send(UpstreamConnection attempt) {
    upstream = attempt;
    upstreamChannel = attempt.channel();
    attempt.attach(this, true);
    if (retries.used() == 0 && HttpUtil.is100ContinueExpected(request)) {
      // Answered here, in turn, rather than by a handler that could interleave it with the
      // previous response of a pipelined connection; the upstream never sees the Expect.
      ctx.writeAndFlush(new DefaultFullHttpResponse(responseVersion, HttpResponseStatus.CONTINUE));
    }
    HttpRequest outbound = OutboundRequests.head(request, plan);
    record.forwardedHeaders = outbound.headers();
    writingUpstream = true;
    upstreamChannel.write(outbound);
    boolean replayedAll = false;
    if (replay != null && retries.used() > 0) {
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

  void sendMirrors() {
    if (mirrored
        || plan == null
        || plan.mirrors().isEmpty()
        || replay == null
        || !replay.replayable()) {
      return;
    }
    mirrored = true;
    OutboundRequests.mirror(
        connection.pool(),
        ctx.channel().eventLoop(),
        request,
        plan,
        requestHasBody ? replay.copies() : List.of());
  }

  boolean replayable() {
    return !requestHasBody || (replay != null && replay.replayable());
  }

  /**
   * Starts another attempt if the policy allows one for this failure, the body can be replayed and
   * the cluster's retry budget has room.
   */
  boolean retry(boolean conditionHolds) {
    if (!conditionHolds || plan.retry().isEmpty() || responseStarted || finished) {
      return false;
    }
    Optional<Duration> wait = retries.take(replayable(), record);
    if (wait.isEmpty()) {
      return false;
    }
    timers.set(
        WAIT,
        wait.get().toNanos(),
        () -> {
          if (!finished && !responseStarted) {
            startAttempt();
          }
        });
    return true;
  }

  /** Ends the current attempt: its connection (if any) is closed, never reused. */
  void endAttempt(int status) {
    timers.cancel(TRY);
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

  /** The status line is gone already; closing is the only honest signal left. */
  void resetAfterResponseStarted() {
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

  @Override
  void release() {
    if (holdsRequestSlot) {
      budget.requestEnded();
      holdsRequestSlot = false;
    }
    if (retries != null) {
      retries.releaseSlot();
    }
    if (replay != null) {
      replay.release();
    }
  }

  /** The per-try timeout of the attempt in progress expired. */
  abstract void onTryTimeout();

  UpstreamAttempts(DownstreamHandler connection, ChannelHandlerContext ctx, HttpRequest request) {
    super(connection, ctx, request);
  }
}
