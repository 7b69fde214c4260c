package dev.rigging.proxy.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;

/**
 * How the event loops reach the sockets: Linux epoll through Netty's native transport, or the JDK's
 * NIO selector. Both serve the same pipelines; epoll saves the selector's bookkeeping and a copy
 * per read, which matters to a proxy that handles every request twice.
 */
public enum Transport {
  EPOLL,
  NIO;

  /** Epoll where its native library loads (Linux on x86_64 and aarch64), NIO elsewhere. */
  public static Transport preferred() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /**
   * The transport named {@code name} ({@code epoll} or {@code nio}).
   *
   * @throws IllegalArgumentException for another name, or epoll where it cannot load, with the
   *     reason
   */
  public static Transport named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "nio" -> NIO;
      case "epoll" -> {
        if (!Epoll.isAvailable()) {
          throw new IllegalArgumentException(
              "the epoll transport is not available here: "
                  + Epoll.unavailabilityCause().getMessage());
        }
        yield EPOLL;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown transport `" + name + "`; expected epoll or nio");
    };
  }

  IoHandlerFactory ioHandlers() {
    return switch (this) {
      case EPOLL -> EpollIoHandler.newFactory();
      case NIO -> NioIoHandler.newFactory();
    };
  }

  Class<? extends ServerChannel> serverChannel() {
    return switch (this) {
      case EPOLL -> EpollServerSocketChannel.class;
      case NIO -> NioServerSocketChannel.class;
    };
  }

  Class<? extends SocketChannel> socketChannel() {
    return switch (this) {
      case EPOLL -> EpollSocketChannel.class;
      case NIO -> NioSocketChannel.class;
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
