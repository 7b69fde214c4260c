package dev.rigging.proxy.net;

/**
 * The timers of one exchange: the route timeout, the per-try timeout, a wait (fault delay or retry
 * backoff) and the stream idle check. They are the connection's {@link Deadline}s, lent to its
 * exchange of the moment: exchanges on a connection follow one another, so each kind needs one
 * deadline per connection, and a kept-alive connection sets them per request without touching the
 * loop's scheduler. Once the exchange has ended ({@link #close}), it can no longer set or clear
 * what the next exchange uses.
 */
final class ExchangeTimers {
  /** Which timer. */
  enum Kind {
    ROUTE,
    TRY,
    WAIT,
    IDLE
  }

  private final Deadline[] deadlines;
  private boolean closed;

  /**
   * @param deadlines the connection's deadlines, one per {@link Kind}, in its order
   */
  ExchangeTimers(Deadline[] deadlines) {
    this.deadlines = deadlines;
  }

  /** Whether {@code kind} is set and has not fired. */
  boolean isSet(Kind kind) {
    return !closed && deadlines[kind.ordinal()].isSet();
  }

  /** Sets {@code kind} to run {@code task} after {@code delayNanos}, replacing a pending one. */
  void set(Kind kind, long delayNanos, Runnable task) {
    if (!closed) {
      deadlines[kind.ordinal()].set(delayNanos, task);
    }
  }

  void cancel(Kind kind) {
    if (!closed) {
      deadlines[kind.ordinal()].clear();
    }
  }

  /** Clears every timer and hands the deadlines back to the connection. */
  void close() {
    for (Kind kind : Kind.values()) {
      cancel(kind);
    }
    closed = true;
  }
}
