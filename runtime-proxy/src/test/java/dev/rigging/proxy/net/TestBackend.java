package dev.rigging.proxy.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 upstream on an ephemeral loopback port whose behaviour is chosen by path, and
 * which counts the connections it accepts and loses.
 */
final class TestBackend implements AutoCloseable {
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final Channel listener;

  TestBackend() throws InterruptedException {
    listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    accepted.incrementAndGet();
                    ch.closeFuture().addListener(f -> closed.incrementAndGet());
                    ch.pipeline().addLast(new HttpServerCodec()).addLast(new Behaviour());
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Paths: /echo streams the body back, /count counts it, /big sends bytes, others describe. */
  private static final class Behaviour extends ChannelInboundHandlerAdapter {
    private HttpRequest request;
    private long received;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest head) {
        request = head;
        received = 0;
        onHead(ctx, new QueryStringDecoder(head.uri()));
      }
      if (msg instanceof HttpContent content) {
        received += content.content().readableBytes();
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals("/echo")) {
          ctx.writeAndFlush(
              content instanceof LastHttpContent
                  ? new io.netty.handler.codec.http.DefaultLastHttpContent(
                      content.content().retain())
                  : new DefaultHttpContent(content.content().retain()));
        }
        content.release();
        if (content instanceof LastHttpContent && !path.equals("/echo")) {
          onComplete(ctx, new QueryStringDecoder(request.uri()));
        }
      }
    }

    private void onHead(ChannelHandlerContext ctx, QueryStringDecoder query) {
      if (query.path().equals("/echo")) {
        HttpResponse response =
            new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(response, true);
        ctx.writeAndFlush(response);
      }
    }

    private void onComplete(ChannelHandlerContext ctx, QueryStringDecoder query) {
      switch (query.path()) {
        case "/count" -> ctx.writeAndFlush(text("bytes=" + received));
        case "/hang" -> {} // never answers
        case "/slow" ->
            ctx.executor()
                .schedule(
                    () -> ctx.writeAndFlush(text("slow")),
                    Long.parseLong(param(query, "ms")),
                    TimeUnit.MILLISECONDS);
        case "/close" -> {
          FullHttpResponse response = text("closing");
          response.headers().set(HttpHeaderNames.CONNECTION, "close");
          ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
        case "/reset" -> {
          HttpResponse response =
              new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
          HttpUtil.setContentLength(response, 1000);
          ctx.write(response);
          ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[10])))
              .addListener(ChannelFutureListener.CLOSE);
        }
        case "/big" -> sendBig(ctx, Long.parseLong(param(query, "bytes")));
        default -> ctx.writeAndFlush(text(describe()));
      }
    }

    private static void sendBig(ChannelHandlerContext ctx, long size) {
      HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      HttpUtil.setContentLength(response, size);
      ctx.write(response);
      byte[] chunk = new byte[64 * 1024];
      for (long sent = 0; sent < size; sent += chunk.length) {
        int n = (int) Math.min(chunk.length, size - sent);
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk, 0, n)));
      }
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private String describe() {
      StringBuilder out = new StringBuilder();
      out.append(request.method()).append(' ').append(request.uri()).append('\n');
      for (String name :
          List.of(
              "host",
              "connection",
              "keep-alive",
              "te",
              "proxy-connection",
              "x-hop",
              "x-added",
              "x-remove-me",
              "x-kept")) {
        out.append(name).append('=').append(request.headers().get(name)).append('\n');
      }
      return out.toString();
    }

    private static String param(QueryStringDecoder query, String name) {
      return query.parameters().get(name).get(0);
    }

    private static FullHttpResponse text(String body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK,
              Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      HttpUtil.setContentLength(response, response.content().readableBytes());
      return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
