package dev.rigging.proxy.runtime;

import dev.rigging.proxy.log.AccessLogFormatter;
import dev.rigging.proxy.log.RequestLog;
import dev.rigging.proxy.net.ExchangeLog;
import dev.rigging.proxy.net.HeaderValues;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes access-log lines, one JSON object per request, from a thread of its own so that event
 * loops never block on the log's output. When the output falls behind by more than the queue holds,
 * lines are dropped and counted rather than stalling traffic.
 *
 * <p>The writer wakes every {@link #FLUSH_INTERVAL} and writes what has queued up (Envoy flushes
 * its access logs every second by default): waking it for every line would cost each request a
 * thread hand-off, which on a busy proxy costs more than formatting the line.
 */
final class AccessLogWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AccessLogWriter.class.getName());
  private static final int QUEUE = 65_536;
  private static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);

  private final OutputStream out;
  private final RuntimeStats stats;
  private final Queue<Pending> lines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private volatile boolean stopping;

  /**
   * A line still to be formatted: making the {@link RequestLog} and formatting it happen on the
   * writer's thread, not a loop's. The exchange is over, so nothing changes what it refers to.
   */
  private record Pending(AccessLogFormatter format, ExchangeLog log) {}

  private final Thread thread;

  /** A writer to {@code out}, which it closes unless it is {@code System.out}. */
  AccessLogWriter(OutputStream out, RuntimeStats stats) {
    // Lines leave in batches (AccessLogFormatter.Lines buffers them), one write per wake-up
    // rather than one per line.
    this.out = out;
    this.stats = stats;
    this.thread = Thread.ofPlatform().daemon().name("rigging-access-log").start(this::drain);
  }

  /** Queues the line {@code format} makes of {@code log}. */
  void write(AccessLogFormatter format, ExchangeLog log) {
    if (queued.incrementAndGet() > QUEUE) {
      queued.decrementAndGet();
      stats.accessLogDropped();
      return;
    }
    lines.add(new Pending(format, log));
  }

  /** The exchange as the formatter reads it: Envoy's pseudo-headers from the request line. */
  static RequestLog requestLog(ExchangeLog log) {
    return requestLog(log, AccessLogWriter::address);
  }

  /** As {@link #requestLog(ExchangeLog)}, with {@code ip:port} texts from {@code addresses}. */
  private static RequestLog requestLog(
      ExchangeLog log, Function<InetSocketAddress, String> addresses) {
    return new RequestLog(
        log.start(),
        log.durationNanos() / 1_000_000,
        name ->
            switch (name) {
              case ":path" -> log.uri().isEmpty() ? null : log.uri();
              case ":method" -> log.method().isEmpty() ? null : log.method();
              case ":authority" -> log.headers().get(HttpHeaderNames.HOST);
              case ":scheme" -> log.connection().tls() ? "https" : "http";
              default -> HeaderValues.joined(log.headers(), name);
            },
        log.responseCode(),
        String.join(",", log.responseFlags()),
        log.bytesReceived(),
        log.bytesSent(),
        log.protocol(),
        Optional.of(log.upstreamCluster()).filter(c -> !c.isEmpty()),
        Optional.ofNullable(log.upstreamHost()).map(addresses),
        Optional.of(log.routeName()).filter(r -> !r.isEmpty()),
        addresses.apply(log.remote()),
        log.connection().peerUriSan());
  }

  private static String address(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /**
   * {@code ip:port} texts: a connection's requests share its client address and an endpoint's its
   * address, and formatting one cost more than finding it. Client ports come and go, hence the
   * limit.
   */
  private final ClearingCache<InetSocketAddress, String> addressTexts = new ClearingCache<>(4096);

  private final Function<InetSocketAddress, String> addressText =
      address -> addressTexts.get(address, AccessLogWriter::address);

  private void drain() {
    // One line writer for the thread's life: making one per line cost more than the line.
    try (AccessLogFormatter.Lines writer = AccessLogFormatter.lines(out)) {
      while (true) {
        boolean last = stopping; // read before draining: nothing queued before close() is lost
        for (Pending next = lines.poll(); next != null; next = lines.poll()) {
          queued.decrementAndGet();
          writer.write(next.format(), requestLog(next.log(), addressText));
        }
        writer.flush();
        if (last) {
          return;
        }
        LockSupport.parkNanos(FLUSH_INTERVAL.toNanos());
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "access log output failed; no more lines are written", e);
    }
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    try {
      stopping = true;
      LockSupport.unpark(thread);
      thread.join(TimeUnit.SECONDS.toMillis(5));
      if (out != System.out) {
        out.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
