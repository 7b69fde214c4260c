package dev.rigging.proxy.net;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout on one event loop that is set and cleared far more often than it expires, as the
 * timeouts of every request on a kept-alive connection are. Setting or clearing it only writes two
 * fields: one task stays queued with the loop's scheduler, and when it runs before the current
 * deadline it queues itself again for the rest. Only a deadline earlier than the queued task
 * touches the scheduler. Every method must be called on the loop.
 */
final class Deadline {
  private final EventExecutor loop;
  private Runnable task; // null: not set
  private long due; // System.nanoTime() at which the task runs
  private ScheduledFuture<?> queued;
  private long queuedFor;

  Deadline(EventExecutor loop) {
    this.loop = loop;
  }

  /** Whether a task is set and has not run. */
  boolean isSet() {
    return task != null;
  }

  /** Runs {@code task} after {@code delayNanos}, replacing whatever was set. */
  void set(long delayNanos, Runnable task) {
    this.task = task;
    this.due = System.nanoTime() + delayNanos;
    if (queued == null) {
      queue();
    } else if (queuedFor - due > 0) {
      queued.cancel(false);
      queue();
    }
  }

  /** Forgets the task; the queued run, if any, finds nothing to do. */
  void clear() {
    task = null;
  }

  /**
   * Forgets the task and takes the queued run off the scheduler: for a deadline that will not be
   * set again, whose queued run would otherwise hold it (and what its task refers to) until then.
   */
  void cancel() {
    task = null;
    if (queued != null) {
      queued.cancel(false);
      queued = null;
    }
  }

  private void queue() {
    queuedFor = due;
    queued = loop.schedule(this::fire, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void fire() {
    queued = null;
    if (task == null) {
      return;
    }
    if (System.nanoTime() - due < 0) {
      queue(); // moved later since it was queued
      return;
    }
    Runnable run = task;
    task = null; // before running: the task may set it again
    run.run();
  }
}
