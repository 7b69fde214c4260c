package dev.rigging.proxy.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Tells a downstream connection that request bytes arrived, before the decoder has a whole head: an
 * idle kept-alive connection then gets the request header timeout, not the idle one.
 */
final class ByteArrivals extends ChannelInboundHandlerAdapter {
  private final DownstreamHandler handler;

  ByteArrivals(DownstreamHandler handler) {
    this.handler = handler;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    handler.bytesArrived();
    ctx.fireChannelRead(msg);
  }
}
