package dev.rigging.proxy.runtime;

import dev.rigging.proxy.log.AccessLogFormatter;
import dev.rigging.proxy.log.RequestLog;
import dev.rigging.proxy.net.ExchangeLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes access-log lines, one JSON object per request, from a thread of its own so that event
 * loops never block on the log's output. When the output falls behind by more than the queue holds,
 * lines are dropped and counted rather than stalling traffic.
 */
final class AccessLogWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AccessLogWriter.class.getName());
  private static final int QUEUE = 65_536;

  private final OutputStream out;
  private final RuntimeStats stats;
  private final BlockingQueue<Pending> lines = new ArrayBlockingQueue<>(QUEUE);

  /** A line still to be formatted: formatting happens on the writer's thread, not a loop's. */
  private record Pending(AccessLogFormatter format, RequestLog log) {}

  private static final Pending STOP = new Pending(null, null);
  private final Thread thread;

  /** A writer to {@code out}, which it closes unless it is {@code System.out}. */
  AccessLogWriter(OutputStream out, RuntimeStats stats) {
    this.out = out;
    this.stats = stats;
    this.thread = Thread.ofPlatform().daemon().name("rigging-access-log").start(this::drain);
  }

  /** Queues the line {@code format} makes of {@code log}. */
  void write(AccessLogFormatter format, ExchangeLog log) {
    if (!lines.offer(new Pending(format, requestLog(log)))) {
      stats.accessLogDropped();
    }
  }

  /** The exchange as the formatter reads it: Envoy's pseudo-headers from the request line. */
  static RequestLog requestLog(ExchangeLog log) {
    return new RequestLog(
        log.start(),
        log.durationNanos() / 1_000_000,
        name ->
            switch (name) {
              case ":path" -> log.uri().isEmpty() ? null : log.uri();
              case ":method" -> log.method().isEmpty() ? null : log.method();
              case ":authority" -> log.headers().get("host");
              case ":scheme" -> log.connection().tls() ? "https" : "http";
              default -> {
                List<String> values = log.headers().getAll(name);
                yield values.isEmpty() ? null : String.join(",", values);
              }
            },
        log.responseCode(),
        String.join(",", log.responseFlags()),
        log.bytesReceived(),
        log.bytesSent(),
        log.protocol(),
        Optional.of(log.upstreamCluster()).filter(c -> !c.isEmpty()),
        Optional.ofNullable(log.upstreamHost()).map(AccessLogWriter::address),
        Optional.of(log.routeName()).filter(r -> !r.isEmpty()),
        address(log.remote()),
        log.connection().peerUriSan());
  }

  private static String address(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private void drain() {
    try {
      while (true) {
        Pending next = lines.take();
        if (next == STOP) {
          out.flush();
          return;
        }
        out.write(next.format().format(next.log()).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        if (lines.isEmpty()) {
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "access log output failed; no more lines are written", e);
    }
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    try {
      lines.put(STOP);
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
