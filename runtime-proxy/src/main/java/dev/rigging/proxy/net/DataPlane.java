package dev.rigging.proxy.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event loops, upstream connection pools and circuit-breaker budgets shared by every listener
 * of a proxy. Listeners come and go ({@link #bind}); a downstream connection and the upstream
 * connections it uses share one event loop, so a proxied byte never changes threads.
 */
public final class DataPlane implements AutoCloseable {
  private final ProxyLimits limits;
  private final Transport transport;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ProxyStats stats = new ProxyStats();
  private final Map<EventLoop, UpstreamPool> pools = new ConcurrentHashMap<>();
  private final UpstreamBudgets budgets = new UpstreamBudgets();

  /**
   * @param workerThreads event loops shared by downstream and upstream connections
   */
  public DataPlane(ProxyLimits limits, int workerThreads, Transport transport) {
    this.limits = limits;
    this.transport = transport;
    this.boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
    this.workers = new MultiThreadIoEventLoopGroup(workerThreads, transport.ioHandlers());
  }

  public Transport transport() {
    return transport;
  }

  public ProxyStats stats() {
    return stats;
  }

  public ProxyLimits limits() {
    return limits;
  }

  /**
   * Binds {@code address} (port 0 picks a free one) and serves HTTP/1.1 on it, through TLS when
   * {@code tls} is given, each request decided by {@code router}.
   */
  public ListenerSocket bind(
      InetSocketAddress address, RequestRouter router, Optional<DownstreamTls> tls)
      throws InterruptedException {
    Channel channel =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(transport.serverChannel())
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    EventLoop loop = ch.eventLoop();
                    UpstreamPool pool =
                        pools.computeIfAbsent(
                            loop, l -> new UpstreamPool(l, transport, limits, stats, budgets));
                    if (tls.isPresent()) {
                      DownstreamTls chains = tls.get();
                      ch.pipeline()
                          .addLast(
                              "sni",
                              new SniHandler(
                                  (String name) -> {
                                    SslContext context = chains.contextFor(name);
                                    if (context == null) {
                                      throw new IllegalArgumentException(
                                          "no filter chain for server name " + name);
                                    }
                                    return context;
                                  }))
                          .addLast("handshake", new HandshakeRecorder());
                    }
                    HeadAwareResponseEncoder encoder = new HeadAwareResponseEncoder();
                    DownstreamHandler handler =
                        new DownstreamHandler(router, limits, stats, pool, encoder);
                    ch.pipeline()
                        .addLast("activity", new ByteArrivals(handler))
                        .addLast("decoder", new StrictRequestDecoder(limits))
                        .addLast("encoder", encoder)
                        .addLast("proxy", handler);
                  }
                })
            .bind(address)
            .sync()
            .channel();
    return new ListenerSocket(channel);
  }

  /**
   * Lets go of a cluster a reload replaced or removed, which must already report itself {@link
   * UpstreamCluster#retired() retired}: its idle pooled connections close now, the ones in use once
   * their exchange ends, and its pools and budget go with the last of them. Without this they would
   * idle until the upstream idle timeout, and their bookkeeping would stay for good.
   */
  public void retire(UpstreamCluster cluster) {
    if (!cluster.retired()) {
      throw new IllegalArgumentException("cluster " + cluster.name() + " is not retired");
    }
    pools.forEach((loop, pool) -> loop.execute(() -> pool.retire(cluster)));
  }

  /** How many clusters have pools: for tests. */
  int pooledClusters() {
    return budgets.size();
  }

  /** Closes every connection and waits briefly for the event loops to end. */
  @Override
  public void close() {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
