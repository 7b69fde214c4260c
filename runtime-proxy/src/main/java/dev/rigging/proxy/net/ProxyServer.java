package dev.rigging.proxy.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An HTTP/1.1 listener that asks a {@link RequestRouter} about each request and carries out the
 * decision, streaming bodies in both directions with backpressure.
 */
public final class ProxyServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel listener;
  private final ProxyStats stats;

  private ProxyServer(
      EventLoopGroup boss, EventLoopGroup workers, Channel listener, ProxyStats stats) {
    this.boss = boss;
    this.workers = workers;
    this.listener = listener;
    this.stats = stats;
  }

  /**
   * Binds {@code address} (port 0 picks a free one) and starts serving.
   *
   * @param workerThreads event loops shared by downstream and upstream connections
   */
  public static ProxyServer start(
      InetSocketAddress address, RequestRouter router, ProxyLimits limits, int workerThreads)
      throws InterruptedException {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(workerThreads, NioIoHandler.newFactory());
    ProxyStats stats = new ProxyStats();
    Map<EventLoop, UpstreamPool> pools = new ConcurrentHashMap<>();
    Map<InetSocketAddress, UpstreamBudget> budgets = new ConcurrentHashMap<>();
    Function<InetSocketAddress, UpstreamBudget> budgetOf =
        upstream ->
            budgets.computeIfAbsent(
                upstream,
                a ->
                    new UpstreamBudget(
                        limits.maxConnectionsPerUpstream(), limits.maxPendingPerUpstream()));
    try {
      Channel listener =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .childOption(ChannelOption.AUTO_READ, false)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      EventLoop loop = ch.eventLoop();
                      UpstreamPool pool =
                          pools.computeIfAbsent(
                              loop, l -> new UpstreamPool(l, limits, stats, budgetOf));
                      HeadAwareResponseEncoder encoder = new HeadAwareResponseEncoder();
                      ch.pipeline()
                          .addLast("decoder", new StrictRequestDecoder(limits))
                          .addLast("encoder", encoder)
                          .addLast(
                              "proxy", new DownstreamHandler(router, limits, stats, pool, encoder));
                    }
                  })
              .bind(address)
              .sync()
              .channel();
      return new ProxyServer(boss, workers, listener, stats);
    } catch (InterruptedException | RuntimeException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The bound address, with the actual port. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  public ProxyStats stats() {
    return stats;
  }

  /** Stops accepting, closes every connection and waits briefly for the event loops to end. */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
