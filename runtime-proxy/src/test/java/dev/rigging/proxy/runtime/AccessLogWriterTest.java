package dev.rigging.proxy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.log.AccessLogFormatter;
import dev.rigging.proxy.log.RequestLog;
import dev.rigging.proxy.net.ConnectionInfo;
import dev.rigging.proxy.net.ExchangeLog;
import dev.rigging.proxy.net.ProxyStats;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How an exchange's request reads in the access log (headers as Envoy's formatter sees them), and
 * how lines formatted on several threads reach the output: all of them, each thread's in order,
 * and, when the output stalls, dropped and counted past the limit instead of blocking the thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessLogWriterTest {
  private static final AccessLogFormatter FORMAT =
      AccessLogFormatter.compile(Map.of("path", "%REQ(:PATH)%", "code", "%RESPONSE_CODE%"));

  @Test
  void requestHeaders_absentSingleAndRepeated_readAsEnvoyShowsThem() {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.add("Host", "callme.demo");
    headers.add("x-one", "a");
    headers.add("X-Many", "1");
    headers.add("x-many", "2");
    headers.add("x-many", "3");
    RequestLog log = AccessLogWriter.requestLog(exchange("/callme", headers));

    assertEquals("a", log.requestHeaders().get("x-one"));
    assertEquals("1,2,3", log.requestHeaders().get("x-many"));
    assertNull(log.requestHeaders().get("x-none"));
    assertEquals("callme.demo", log.requestHeaders().get(":authority"));
    assertEquals("/callme", log.requestHeaders().get(":path"));
    assertEquals("http", log.requestHeaders().get(":scheme"));
  }

  @Test
  void linesOfSeveralThreads_allReachTheOutput_eachThreadsInOrder() throws Exception {
    var out = new ByteArrayOutputStream();
    var stats = new RuntimeStats(new ProxyStats());
    int perThread = 20_000;
    try (var writer = new AccessLogWriter(out, stats)) {
      Thread[] threads = new Thread[3];
      for (int t = 0; t < threads.length; t++) {
        int id = t;
        threads[t] =
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < perThread; i++) {
                        writer.write(
                            FORMAT, exchange("/t" + id + "/" + i, new DefaultHttpHeaders()));
                      }
                    });
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    Map<String, Integer> next = new HashMap<>();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    for (String line : lines) {
      String[] path = line.replaceAll(".*\"path\":\"/([^\"]*)\".*", "$1").split("/");
      int expected = next.getOrDefault(path[0], 0);
      assertEquals(expected, Integer.parseInt(path[1]), "thread " + path[0] + "'s lines in order");
      next.put(path[0], expected + 1);
    }
    assertEquals(3 * perThread, lines.size(), "every line written before close()");
    assertEquals(0, stats.value("rigging_access_log_dropped_total"));
  }

  @Test
  void stalledOutput_dropsAndCountsLines_neverBlocksTheThreadThatFormatsThem() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    OutputStream stalled =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    var stats = new RuntimeStats(new ProxyStats());
    try (var writer = new AccessLogWriter(stalled, stats)) {
      // Far more than the per-thread limit of formatted lines, while the writer is stuck.
      for (int i = 0; i < 200_000 && stats.value("rigging_access_log_dropped_total") == 0; i++) {
        writer.write(FORMAT, exchange("/" + "x".repeat(100) + i, new DefaultHttpHeaders()));
      }
      assertTrue(stats.value("rigging_access_log_dropped_total") > 0, "dropped, and counted");
      release.countDown();
    }
  }

  private static ExchangeLog exchange(String uri, HttpHeaders headers) {
    return new ExchangeLog(
        Instant.parse("2026-11-21T14:03:07Z"),
        0,
        "GET",
        uri,
        headers,
        "HTTP/1.1",
        200,
        List.of(),
        0,
        0,
        "",
        "",
        null,
        ConnectionInfo.PLAIN,
        new InetSocketAddress("127.0.0.1", 40000));
  }
}
