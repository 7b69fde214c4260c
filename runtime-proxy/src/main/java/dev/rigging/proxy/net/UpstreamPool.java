package dev.rigging.proxy.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keep-alive HTTP/1.1 client connections for one event loop, pooled per cluster and host. Every
 * method must be called on that loop, which is also the loop of the downstream connections using
 * it, so a proxied byte never changes threads and the pool needs no locks. Only the limits are
 * shared across loops, through an {@link UpstreamBudget} per address.
 */
final class UpstreamPool {
  private final EventLoop loop;
  private final Transport transport;
  private final ProxyLimits limits;
  private final ProxyStats stats;
  private final UpstreamBudgets budgets;
  private final Map<Key, HostPool> hosts = new HashMap<>();

  /** A pool's identity: the same host reached through two clusters (two TLS setups) is two. */
  private record Key(UpstreamCluster cluster, InetSocketAddress address) {}

  /**
   * @param budgets the clusters' shared budgets, the same instance for every loop's pool
   */
  UpstreamPool(
      EventLoop loop,
      Transport transport,
      ProxyLimits limits,
      ProxyStats stats,
      UpstreamBudgets budgets) {
    this.loop = loop;
    this.transport = transport;
    this.limits = limits;
    this.stats = stats;
    this.budgets = budgets;
  }

  /**
   * Asks for a connection to {@code address} of {@code cluster}; {@code callback} runs on the loop
   * exactly once, unless the returned handle is cancelled first.
   */
  Runnable acquire(
      UpstreamCluster cluster, InetSocketAddress address, Consumer<Acquisition> callback) {
    assert loop.inEventLoop();
    return hosts
        .computeIfAbsent(new Key(cluster, address), key -> new HostPool(cluster, address))
        .acquire(callback);
  }

  /** The shared budget of {@code cluster}. */
  UpstreamBudget budget(UpstreamCluster cluster) {
    return budgets.of(cluster);
  }

  /**
   * {@code cluster} has {@linkplain UpstreamCluster#retired() retired}: its idle connections close
   * now, busy ones when their exchange ends, and each of its pools goes once it has none left.
   */
  void retire(UpstreamCluster cluster) {
    assert loop.inEventLoop();
    List<HostPool> pools =
        hosts.entrySet().stream()
            .filter(entry -> entry.getKey().cluster() == cluster)
            .map(Map.Entry::getValue)
            .toList();
    for (HostPool pool : pools) {
      pool.retire();
    }
    // A budget with no pool at all (its requests never reached a host) goes here.
    budgets.forgetIfUnused(cluster);
  }

  /** The connections and waiting requests of one upstream address on this loop. */
  final class HostPool {
    private final UpstreamCluster cluster;
    private final InetSocketAddress address;
    private final UpstreamBudget budget;
    private final Deque<UpstreamConnection> idle = new ArrayDeque<>();
    private final Deque<Consumer<Acquisition>> waiters = new ArrayDeque<>();

    /** Connections open or opening, idle or in use. */
    private int open;

    HostPool(UpstreamCluster cluster, InetSocketAddress address) {
      this.cluster = cluster;
      this.address = address;
      this.budget = budgets.of(cluster);
      budget.members.add(this);
    }

    Runnable acquire(Consumer<Acquisition> callback) {
      UpstreamConnection reusable = pollIdle();
      if (reusable != null) {
        callback.accept(new Acquisition.Acquired(reusable));
        return () -> {};
      }
      if (budget.tryOpenConnection()) {
        connect(callback);
        return () -> {};
      }
      if (budget.tryAddPending()) {
        waiters.addLast(callback);
        // A slot freed on another loop between the two checks above saw no waiter to wake.
        serveWaiters();
        if (waiters.contains(callback)) {
          // Connections idling on other loops hold slots this request needs.
          forEachOtherPool(HostPool::shedIdle);
        }
        return () -> {
          if (waiters.remove(callback)) {
            budget.pendingRemoved();
            if (cluster.retired()) {
              dropIfUnused();
            }
          }
        };
      }
      callback.accept(new Acquisition.Overflow());
      return () -> {};
    }

    private UpstreamConnection pollIdle() {
      // Most recently used first: it is the least likely to have been closed by the upstream.
      for (UpstreamConnection c = idle.pollLast(); c != null; c = idle.pollLast()) {
        if (c.isActive()) {
          return c;
        }
      }
      return null;
    }

    /** Opens a connection for a slot already taken from the budget. */
    private void connect(Consumer<Acquisition> callback) {
      stats.upstreamConnections.increment();
      open++;
      UpstreamConnection connection = new UpstreamConnection(this, loop);
      Bootstrap bootstrap =
          new Bootstrap()
              .group(loop)
              .channel(transport.socketChannel())
              .option(ChannelOption.AUTO_READ, false)
              .option(ChannelOption.TCP_NODELAY, true)
              .option(
                  ChannelOption.CONNECT_TIMEOUT_MILLIS,
                  (int) Math.min(Integer.MAX_VALUE, cluster.connectTimeout().toMillis()))
              .handler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      cluster
                          .tls()
                          .ifPresent(
                              tls ->
                                  ch.pipeline()
                                      .addLast(
                                          "tls",
                                          tls.newHandler(
                                              ch.alloc(),
                                              address.getHostString(),
                                              address.getPort())));
                      ch.pipeline()
                          .addLast(
                              "codec",
                              new HttpClientCodec(
                                  new HttpDecoderConfig()
                                      .setMaxInitialLineLength(limits.maxInitialLineLength())
                                      .setMaxHeaderSize(limits.maxHeaderSize())
                                      .setMaxChunkSize(limits.maxChunkSize()),
                                  false,
                                  true))
                          .addLast("upstream", connection);
                    }
                  });
      ChannelFuture future = bootstrap.connect(address);
      future.channel().closeFuture().addListener(f -> onClosed(connection));
      future.addListener(
          f -> {
            if (!f.isSuccess()) {
              callback.accept(new Acquisition.ConnectFailed(f.cause()));
              return;
            }
            SslHandler tls = future.channel().pipeline().get(SslHandler.class);
            if (tls == null) {
              callback.accept(new Acquisition.Acquired(connection));
              return;
            }
            // A connection is ready only once the server has proved its identity.
            tls.handshakeFuture()
                .addListener(
                    h -> {
                      if (h.isSuccess()) {
                        callback.accept(new Acquisition.Acquired(connection));
                      } else {
                        future.channel().close();
                        callback.accept(new Acquisition.ConnectFailed(h.cause()));
                      }
                    });
            future.channel().read();
          });
    }

    /** Whether the cluster lets a connection carry its {@code n}th request. */
    boolean mayCarry(int n) {
      return cluster.maxRequestsPerConnection().map(limit -> n <= limit).orElse(true);
    }

    /** Returns a connection after an exchange; only a clean one goes back to the pool. */
    void release(UpstreamConnection connection, boolean reusable) {
      if (!reusable || !connection.isActive()) {
        connection.channel().close();
        return;
      }
      Consumer<Acquisition> waiter = waiters.pollFirst();
      if (waiter != null) {
        budget.pendingRemoved();
        waiter.accept(new Acquisition.Acquired(connection));
        return;
      }
      if (cluster.retired()) {
        // Requests of the old configuration still waiting were served above; nothing new will be.
        connection.channel().close();
        return;
      }
      if (budget.anyonePending()) {
        // A request waits on another loop: free the slot for it instead of idling here.
        connection.channel().close();
        return;
      }
      long stamp = connection.markIdle();
      idle.addLast(connection);
      // A pending read lets the pool notice an upstream that closes an idle connection.
      connection.channel().read();
      // The connection's own deadline, moved at every release: a task queued per release would
      // sit in the loop's scheduler for the whole idle timeout, hundreds of thousands of them
      // under load, each surviving young collections.
      connection
          .idleClose()
          .set(
              limits.upstreamIdleTimeout().toNanos(),
              () -> {
                if (connection.idleSince(stamp) && idle.remove(connection)) {
                  connection.channel().close();
                }
              });
    }

    private void onClosed(UpstreamConnection connection) {
      open--;
      connection.idleClose().cancel();
      idle.remove(connection);
      budget.connectionClosed();
      serveWaiters();
      if (budget.anyonePending()) {
        forEachOtherPool(HostPool::serveWaiters);
      }
      if (cluster.retired()) {
        dropIfUnused();
      }
    }

    private void retire() {
      // Closing runs onClosed, which edits the queue: close a copy.
      List.copyOf(idle).forEach(c -> c.channel().close());
      dropIfUnused();
    }

    /**
     * Leaves the loop's map once nothing uses this pool. A request that started before the swap and
     * needs the cluster again (a retry) simply makes a new pool, which goes the same way.
     */
    private void dropIfUnused() {
      if (open == 0 && waiters.isEmpty() && hosts.remove(new Key(cluster, address), this)) {
        budgets.left(cluster, budget, this);
      }
    }

    /** Opens connections for waiting requests while the budget allows. */
    private void serveWaiters() {
      while (!waiters.isEmpty() && budget.tryOpenConnection()) {
        budget.pendingRemoved();
        connect(waiters.pollFirst());
      }
    }

    private void shedIdle() {
      UpstreamConnection connection = idle.pollFirst();
      if (connection != null) {
        connection.channel().close();
      }
    }

    private void forEachOtherPool(Consumer<HostPool> action) {
      for (HostPool other : budget.members) {
        if (other != this) {
          other.loop().execute(() -> action.accept(other));
        }
      }
    }

    private EventLoop loop() {
      return loop;
    }
  }
}
