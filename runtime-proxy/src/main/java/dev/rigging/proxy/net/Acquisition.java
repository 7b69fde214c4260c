package dev.rigging.proxy.net;

/** The outcome of asking an {@link UpstreamPool} for a connection. */
sealed interface Acquisition {
  /** A connection ready for one request, owned by the caller until released. */
  record Acquired(UpstreamConnection connection) implements Acquisition {}

  /** Connection and pending-request limits are both full: answer 503 and count it. */
  record Overflow() implements Acquisition {}

  /** No connection could be made (refused, unreachable, connect timeout). */
  record ConnectFailed(Throwable cause) implements Acquisition {}
}
