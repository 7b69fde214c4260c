package dev.rigging.proxy.net;

import java.net.InetSocketAddress;
import java.util.Optional;

/** One plain HTTP/1.1 listener on its own {@link DataPlane}: the data path without a runtime. */
public final class ProxyServer implements AutoCloseable {
  private final DataPlane plane;
  private final ListenerSocket listener;

  private ProxyServer(DataPlane plane, ListenerSocket listener) {
    this.plane = plane;
    this.listener = listener;
  }

  /**
   * Binds {@code address} (port 0 picks a free one) and starts serving.
   *
   * @param workerThreads event loops shared by downstream and upstream connections
   */
  public static ProxyServer start(
      InetSocketAddress address, RequestRouter router, ProxyLimits limits, int workerThreads)
      throws InterruptedException {
    DataPlane plane = new DataPlane(limits, workerThreads, Transport.preferred());
    try {
      return new ProxyServer(plane, plane.bind(address, router, Optional.empty()));
    } catch (InterruptedException | RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  /** The bound address, with the actual port. */
  public InetSocketAddress address() {
    return listener.address();
  }

  public ProxyStats stats() {
    return plane.stats();
  }

  /** Stops accepting, closes every connection and waits briefly for the event loops to end. */
  @Override
  public void close() {
    listener.close();
    plane.close();
  }
}
