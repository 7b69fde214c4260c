package dev.rigging.proxy.net;

import dev.rigging.proxy.cluster.CircuitBreakers;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fire-and-forget copy of a request to a mirror cluster, as Envoy's request mirroring: the
 * authority gets a {@code -shadow} suffix, the reply is read and dropped, and nothing about it
 * reaches the client.
 */
final class ShadowRequest implements ResponseListener {
  private final UpstreamCluster cluster;
  private final InetSocketAddress host;
  private final EventLoop loop;
  private Channel channel;
  private ScheduledFuture<?> timer;
  private UpstreamConnection connection;
  private Runnable cancelAcquire;
  private boolean done;
  private int status;

  private ShadowRequest(UpstreamCluster cluster, InetSocketAddress host, EventLoop loop) {
    this.cluster = cluster;
    this.host = host;
    this.loop = loop;
  }

  /**
   * Sends {@code head} and {@code body} (owned by this call) to a host of {@code cluster}, giving
   * up after {@code timeout}.
   */
  static void send(
      UpstreamPool pool,
      EventLoop loop,
      UpstreamCluster cluster,
      HttpRequest head,
      List<HttpContent> body,
      Duration timeout) {
    var host = cluster.choose(ThreadLocalRandom.current().nextLong());
    if (host.isEmpty()) {
      body.forEach(HttpContent::release);
      return;
    }
    ShadowRequest shadow = new ShadowRequest(cluster, host.get(), loop);
    shadow.timer = loop.schedule(shadow::onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
    cluster.attemptStarted(host.get());
    shadow.cancelAcquire =
        pool.acquire(
            cluster,
            host.get(),
            acquisition -> {
              shadow.cancelAcquire = null;
              switch (acquisition) {
                case Acquisition.Acquired acquired ->
                    shadow.write(acquired.connection(), head, body);
                case Acquisition.Overflow overflow -> {
                  cluster.overflowed(CircuitBreakers.Resource.PENDING_REQUESTS);
                  body.forEach(HttpContent::release);
                  shadow.end(503);
                }
                case Acquisition.ConnectFailed failed -> {
                  body.forEach(HttpContent::release);
                  shadow.end(503);
                }
              }
            });
  }

  /** The head of a shadow copy: {@code host} becomes {@code host-shadow}, port kept. */
  static HttpRequest shadowHead(HttpRequest forwarded) {
    DefaultHttpRequest copy =
        new DefaultHttpRequest(
            forwarded.protocolVersion(),
            forwarded.method(),
            forwarded.uri(),
            forwarded.headers().copy());
    String authority = copy.headers().get(HttpHeaderNames.HOST, "");
    int colon = authority.lastIndexOf(':');
    boolean hasPort = colon > 0 && authority.indexOf(']', colon) < 0;
    copy.headers()
        .set(
            HttpHeaderNames.HOST,
            hasPort
                ? authority.substring(0, colon) + "-shadow" + authority.substring(colon)
                : authority + "-shadow");
    return copy;
  }

  private void write(UpstreamConnection connection, HttpRequest head, List<HttpContent> body) {
    if (done) {
      body.forEach(HttpContent::release);
      connection.releaseUnused();
      return;
    }
    this.connection = connection;
    this.channel = connection.channel();
    connection.attach(this, true);
    if (body.isEmpty()) {
      HttpUtil.setContentLength(head, 0);
    }
    channel.write(head);
    for (HttpContent piece : body) {
      channel.write(piece);
    }
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof LastHttpContent)) {
      channel.write(LastHttpContent.EMPTY_LAST_CONTENT);
    }
    channel.flush();
    connection.requestSent();
    channel.read();
  }

  @Override
  public void onResponseHead(HttpResponse head) {
    status = head.status().code();
    channel.read();
  }

  @Override
  public void onResponseContent(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    content.release();
    if (last) {
      connection = null; // back with the pool
      end(status);
    } else {
      channel.read();
    }
  }

  @Override
  public void onUpstreamLost(Throwable cause) {
    connection = null;
    end(503);
  }

  private void onTimeout() {
    if (done) {
      return;
    }
    if (cancelAcquire != null) {
      cancelAcquire.run();
    }
    if (connection != null) {
      connection.abort();
      connection = null;
    }
    end(504);
  }

  private void end(int code) {
    if (done) {
      return;
    }
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
    cluster.attemptEnded(host, code);
    assert loop.inEventLoop();
  }
}
