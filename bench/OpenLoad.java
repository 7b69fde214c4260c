import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop HTTP/1.1 load at a fixed rate, for latency at a given throughput (what wrk2 does; wrk
 * itself is closed-loop and cannot hold a rate). Request i is due at start + i/rate whatever
 * happened before, and its latency is counted from that due time, so a slow response delays the
 * requests behind it and they count the wait (no coordinated omission). Requests are spread over
 * keep-alive connections, each on its own virtual thread.
 *
 * <p>Usage: {@code java bench/OpenLoad.java URL RATE SECONDS [CONNECTIONS] [HOST] [WARMUP_S]};
 * prints {@code sent ok errors p50_ms p90_ms p99_ms p999_ms max_ms} on one line.
 */
public final class OpenLoad {

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    double rate = Double.parseDouble(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    String host = args.length > 4 ? args[4] : url.getHost();
    double warmup = args.length > 5 ? Double.parseDouble(args[5]) : 3;
    byte[] request =
        ("GET "
                + (url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nUser-Agent: rigging-openload\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    long period = (long) (1e9 / rate);
    long total = (long) ((seconds + warmup) * rate);
    long measuredFrom = (long) (warmup * rate);
    long start = System.nanoTime() + 200_000_000L; // every connection open before the first is due
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Worker worker = new Worker(url, request, start, period, c, connections, total, measuredFrom);
      workers.add(worker);
      threads.add(Thread.ofVirtual().start(worker));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long ok = 0;
    long errors = 0;
    int count = 0;
    for (Worker w : workers) {
      ok += w.ok;
      errors += w.errors;
      count += w.recorded;
    }
    long[] all = new long[count];
    int at = 0;
    for (Worker w : workers) {
      System.arraycopy(w.latencies, 0, all, at, w.recorded);
      at += w.recorded;
    }
    Arrays.sort(all);
    System.out.printf(
        "sent=%d ok=%d errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n",
        total - measuredFrom,
        ok,
        errors,
        pct(all, 0.50),
        pct(all, 0.90),
        pct(all, 0.99),
        pct(all, 0.999),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static final class Worker implements Runnable {
    final URI url;
    final byte[] request;
    final long start;
    final long period;
    final int index;
    final int stride;
    final long total;
    final long measuredFrom;
    final long[] latencies;
    int recorded;
    long ok;
    long errors;

    Worker(
        URI url,
        byte[] request,
        long start,
        long period,
        int index,
        int stride,
        long total,
        long measuredFrom) {
      this.url = url;
      this.request = request;
      this.start = start;
      this.period = period;
      this.index = index;
      this.stride = stride;
      this.total = total;
      this.measuredFrom = measuredFrom;
      this.latencies = new long[(int) (total / stride + 1)];
    }

    @Override
    public void run() {
      Socket socket = null;
      InputStream in = null;
      OutputStream out = null;
      for (long i = index; i < total; i += stride) {
        long due = start + i * period;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        boolean success;
        try {
          if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2_000);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
          }
          out.write(request);
          out.flush();
          success = readResponse(in) / 100 == 2;
        } catch (IOException e) {
          success = false;
          closeQuietly(socket);
          socket = null;
        }
        long latency = System.nanoTime() - due;
        if (i >= measuredFrom) {
          if (success) {
            ok++;
            latencies[recorded++] = latency;
          } else {
            errors++;
          }
        }
      }
      closeQuietly(socket);
    }
  }

  /** Reads one response with a Content-Length body; returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = 0;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("content-length")) {
        length = Long.parseLong(header.substring(colon + 1).trim());
      } else if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("transfer-encoding")) {
        throw new IOException("chunked responses are not expected from the benchmark backend");
      }
    }
    for (long left = length; left > 0; ) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed in a body");
        }
        skipped = 1;
      }
      left -= skipped;
    }
    return status;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection: nothing to do
      }
    }
  }
}
