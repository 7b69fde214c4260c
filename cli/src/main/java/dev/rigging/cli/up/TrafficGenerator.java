package dev.rigging.cli.up;

import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the applications: every service that {@code calls} others sends requests through its
 * outbound listener at a steady rate (open loop, so injected delays do not slow the rate down),
 * with the callee as the Host, to {@code /<callee>}.
 */
public final class TrafficGenerator implements AutoCloseable {
  private static final int MAX_IN_FLIGHT = 2000;

  /** One caller → callee pair and the request that exercises it. */
  public record Target(String caller, String callee, URI uri) {}

  private final List<Target> targets;
  private final HttpClient client;
  private final TrafficStats stats;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
  private long sent;

  private TrafficGenerator(List<Target> targets, long slowMillis) {
    this.targets = targets;
    this.stats = new TrafficStats(slowMillis);
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  /** Returns the caller → callee pairs of {@code mesh} that have an outbound listener. */
  public static List<Target> targets(Mesh mesh) {
    List<Target> targets = new ArrayList<>();
    for (Service service : mesh.services()) {
      if (service.outboundPort().isEmpty()) {
        continue;
      }
      for (String callee : service.calls()) {
        URI uri =
            URI.create("http://127.0.0.1:" + service.outboundPort().getAsInt() + "/" + callee);
        targets.add(new Target(service.name(), callee, uri));
      }
    }
    return targets;
  }

  /**
   * Starts sending {@code ratePerSecond} requests a second, spread over the targets.
   *
   * @param slowMillis answers at least this slow count as delayed
   */
  public static TrafficGenerator start(List<Target> targets, int ratePerSecond, long slowMillis) {
    TrafficGenerator generator = new TrafficGenerator(targets, slowMillis);
    if (!targets.isEmpty()) {
      long periodMicros = 1_000_000L / Math.max(1, ratePerSecond);
      generator.ticker.scheduleAtFixedRate(
          generator::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }
    return generator;
  }

  public TrafficStats stats() {
    return stats;
  }

  public List<Target> targets() {
    return targets;
  }

  private void sendOne() {
    if (inFlight.get() >= MAX_IN_FLIGHT) {
      stats.record(System.currentTimeMillis(), null, false, "client saturated", 0);
      return;
    }
    Target target = targets.get((int) (sent++ % targets.size()));
    HttpRequest request =
        HttpRequest.newBuilder(target.uri())
            .header("Host", target.callee())
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, error) -> {
              inFlight.decrementAndGet();
              long millis = (System.nanoTime() - start) / 1_000_000;
              long now = System.currentTimeMillis();
              if (error != null) {
                stats.record(now, null, false, describe(error), millis);
                return;
              }
              String backend = response.headers().firstValue(SampleBackends.HEADER).orElse(null);
              boolean aborted = response.body().contains("fault filter abort");
              String failure =
                  response.statusCode() >= 400 || backend == null
                      ? Integer.toString(response.statusCode())
                      : null;
              stats.record(now, backend, aborted, failure, millis);
            });
  }

  private static String describe(Throwable error) {
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    if (cause instanceof java.net.http.HttpTimeoutException) {
      return "timeout";
    }
    if (cause instanceof java.net.ConnectException) {
      return "refused";
    }
    return "reset";
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    client.shutdownNow();
  }
}
