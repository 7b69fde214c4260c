package dev.rigging.cli;

import java.net.InetSocketAddress;

/** {@code HOST:PORT} and {@code [v6]:PORT} on the command line. */
final class HostPorts {
  private HostPorts() {}

  /**
   * Reads {@code value} given for {@code option}.
   *
   * @throws IllegalArgumentException saying what is wrong, naming the option
   */
  static InetSocketAddress parse(String value, String option) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException(
          option + " must be HOST:PORT, e.g. 127.0.0.1:15000, not `" + value + "`");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          option + ": port must be a number 0-65535, not `" + value + "`");
    }
    return new InetSocketAddress(host, port);
  }

  static String format(InetSocketAddress address) {
    String host = address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
