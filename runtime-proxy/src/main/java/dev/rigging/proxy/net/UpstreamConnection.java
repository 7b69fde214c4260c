package dev.rigging.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One keep-alive HTTP/1.1 client connection and the handler at the end of its pipeline. It carries
 * one request at a time and knows when it may be reused: only after a complete response to a
 * completely sent request, with neither side asking to close.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(UpstreamConnection.class.getName());

  private final UpstreamPool.HostPool owner;
  private Channel channel;
  private ResponseListener listener;
  private boolean requestSent;
  private boolean requestKeepAlive;
  private boolean responseKeepAlive;
  private boolean skippingInformational;
  private boolean responseSeen;
  private long idleStamp;
  private int exchanges;

  /** Closes the connection once it has idled in the pool too long; set by the pool. */
  private final Deadline idleClose;

  UpstreamConnection(UpstreamPool.HostPool owner, EventExecutor loop) {
    this.owner = owner;
    this.idleClose = new Deadline(loop);
  }

  Deadline idleClose() {
    return idleClose;
  }

  Channel channel() {
    return channel;
  }

  boolean isActive() {
    return channel != null && channel.isActive();
  }

  /** Starts one exchange; responses go to {@code listener} until it completes or fails. */
  void attach(ResponseListener listener, boolean requestKeepAlive) {
    idleClose.clear();
    this.listener = listener;
    this.exchanges++;
    this.requestSent = false;
    this.requestKeepAlive = requestKeepAlive;
    this.responseKeepAlive = false;
    this.skippingInformational = false;
    this.responseSeen = false;
  }

  /** Marks the start of an idle period and returns its stamp. */
  long markIdle() {
    return ++idleStamp;
  }

  /** Whether the connection has stayed idle since {@code stamp} was taken. */
  boolean idleSince(long stamp) {
    return listener == null && idleStamp == stamp;
  }

  /** The request's last piece has been written. */
  void requestSent() {
    this.requestSent = true;
  }

  /** Hands back a connection that was acquired but never used. */
  void releaseUnused() {
    listener = null;
    owner.release(this, true);
  }

  /** Abandons the exchange: the connection's state is unknown, so it is closed, never reused. */
  void abort() {
    listener = null;
    channel.close();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    responseSeen = true;
    if (listener == null) {
      // Bytes nobody asked for: the connection can no longer be trusted for reuse.
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    if (msg instanceof HttpResponse head) {
      if (head.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        fail(ctx, head.decoderResult().cause());
        return;
      }
      if (head.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL
          && !head.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
        // 1xx interim responses are not relayed; the final response follows on this connection.
        skippingInformational = true;
        ReferenceCountUtil.release(msg);
        ctx.read();
        return;
      }
      if (head.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
        ReferenceCountUtil.release(msg);
        fail(ctx, new IOException("upstream switched protocols without being asked"));
        return;
      }
      responseKeepAlive = HttpUtil.isKeepAlive(head);
      listener.onResponseHead(head);
    }
    if (msg instanceof HttpContent content) {
      if (content.decoderResult().isFailure()) {
        content.release();
        fail(ctx, content.decoderResult().cause());
        return;
      }
      if (skippingInformational) {
        content.release();
        if (content instanceof LastHttpContent) {
          skippingInformational = false;
        }
        ctx.read();
        return;
      }
      ResponseListener current = listener;
      if (content instanceof LastHttpContent) {
        listener = null;
        owner.release(
            this,
            requestSent && requestKeepAlive && responseKeepAlive && owner.mayCarry(exchanges + 1));
      }
      current.onResponseContent(content);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (listener != null) {
      listener.onUpstreamReadComplete();
    }
    ctx.fireChannelReadComplete();
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    ResponseListener current = listener;
    listener = null;
    ctx.close();
    if (current != null) {
      current.onUpstreamLost(cause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ResponseListener current = listener;
    listener = null;
    if (current != null) {
      current.onUpstreamLost(lost(new IOException("upstream connection closed")));
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "upstream connection error", cause);
    fail(ctx, cause instanceof IOException io ? lost(io) : cause);
  }

  /**
   * Marks the loss of a pooled connection that had not answered a byte of this exchange: the peer
   * most likely closed it while idle, racing the request onto it.
   */
  private IOException lost(IOException cause) {
    return exchanges > 1 && !responseSeen ? new StaleConnectionException(cause) : cause;
  }
}
