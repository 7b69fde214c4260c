package dev.rigging.proxy.net;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * One bound listening socket of a {@link DataPlane}. Closing it stops accepting; connections
 * already accepted carry on until they end.
 */
public final class ListenerSocket implements AutoCloseable {
  private final Channel channel;

  ListenerSocket(Channel channel) {
    this.channel = channel;
  }

  /** The bound address, with the actual port. */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
