package dev.rigging.proxy.net;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one exchange, on its event loop: the route timeout, the per-try timeout, a wait
 * (fault delay or retry backoff) and the stream idle check. A timer that fires forgets itself
 * before its task runs, so the task may start it again.
 */
final class ExchangeTimers {
  /** Which timer. */
  enum Kind {
    ROUTE,
    TRY,
    WAIT,
    IDLE
  }

  private final EventExecutor executor;
  private final ScheduledFuture<?>[] timers = new ScheduledFuture<?>[Kind.values().length];

  ExchangeTimers(EventExecutor executor) {
    this.executor = executor;
  }

  /** Whether {@code kind} is set and has not fired. */
  boolean isSet(Kind kind) {
    return timers[kind.ordinal()] != null;
  }

  /** Sets {@code kind} to run {@code task} after {@code delayNanos}, replacing a pending one. */
  void set(Kind kind, long delayNanos, Runnable task) {
    cancel(kind);
    ScheduledFuture<?>[] holder = timers;
    int slot = kind.ordinal();
    ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
    self[0] =
        executor.schedule(
            () -> {
              if (holder[slot] == self[0]) {
                holder[slot] = null;
              }
              task.run();
            },
            delayNanos,
            TimeUnit.NANOSECONDS);
    timers[slot] = self[0];
  }

  void cancel(Kind kind) {
    ScheduledFuture<?> timer = timers[kind.ordinal()];
    timers[kind.ordinal()] = null;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  void cancelAll() {
    for (Kind kind : Kind.values()) {
      cancel(kind);
    }
  }
}
