package dev.rigging.proxy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ProxyForwardingTest {
  private ProxyFixture fixture;

  private ProxyFixture start(ProxyLimits limits, Duration requestTimeout) throws Exception {
    fixture = new ProxyFixture(limits, requestTimeout, 1);
    return fixture;
  }

  private ProxyFixture start() throws Exception {
    return start(ProxyLimits.DEFAULTS, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void get_reachesUpstream_withHostKept_hopByHopHeadersDropped_andEditsApplied() throws Exception {
    ProxyFixture f = start();
    RawHttp.Response response =
        RawHttp.exchange(
            f.address(),
            "GET /hello?a=1 HTTP/1.1\r\n"
                + "Host: example.test\r\n"
                + "Connection: keep-alive, x-hop\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "Proxy-Connection: keep-alive\r\n"
                + "TE: trailers\r\n"
                + "X-Hop: secret\r\n"
                + "X-Remove-Me: gone\r\n"
                + "X-Kept: kept\r\n"
                + "\r\n");
    assertEquals(200, response.status());
    assertEquals(
        """
        GET /hello?a=1
        host=example.test
        connection=null
        keep-alive=null
        te=null
        proxy-connection=null
        x-hop=null
        x-added=yes
        x-remove-me=null
        x-kept=kept
        """,
        response.text());
  }

  @Test
  void post_body_isForwardedWhole() throws Exception {
    ProxyFixture f = start();
    HttpResponse<String> response =
        f.client.send(
            HttpRequest.newBuilder(f.uri("/count"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertEquals("bytes=100000", response.body());
  }

  @Test
  void multiMegabyteBodies_streamBothWays() throws Exception {
    ProxyFixture f = start();
    long size = 48L * 1024 * 1024;
    HttpResponse<String> upload =
        f.client.send(
            HttpRequest.newBuilder(f.uri("/count"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(size)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals("bytes=" + size, upload.body());

    HttpResponse<InputStream> download =
        f.client.send(
            HttpRequest.newBuilder(f.uri("/big?bytes=" + size)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = download.body()) {
      assertEquals(size, body.transferTo(java.io.OutputStream.nullOutputStream()));
    }
  }

  @Test
  void chunkedUpload_isRelayedPieceByPiece_beforeTheRequestEnds() throws Exception {
    ProxyFixture f = start();
    try (Socket socket = RawHttp.connect(f.address())) {
      RawHttp.send(
          socket,
          "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
      // The echo of the first piece arrives while the upload is still open: nothing buffers it.
      InputStream in = socket.getInputStream();
      String head = readUntil(in, "first");
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      RawHttp.send(socket, "6\r\nsecond\r\n0\r\n\r\n");
      assertTrue(readUntil(in, "0\r\n\r\n").contains("second"));
    }
  }

  @Test
  void expectContinue_isAnsweredByTheProxy_thenTheBodyIsForwarded() throws Exception {
    ProxyFixture f = start();
    try (Socket socket = RawHttp.connect(f.address())) {
      RawHttp.send(
          socket,
          "POST /count HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      assertEquals(100, RawHttp.read(socket).status());
      RawHttp.send(socket, "hello");
      assertEquals("bytes=5", RawHttp.read(socket).text());
    }
  }

  @Test
  void keepAlive_reusesOneUpstreamConnection() throws Exception {
    ProxyFixture f = start();
    for (int i = 0; i < 20; i++) {
      assertEquals(200, f.get("/n" + i).statusCode());
    }
    assertEquals(1, f.backend.accepted.get());
    assertEquals(1, f.proxy.stats().upstreamConnections());
  }

  @Test
  void idlePooledConnection_closesAfterTheIdleTimeout_countedFromItsLastRelease() throws Exception {
    Duration idle = Duration.ofMillis(600);
    ProxyFixture f =
        start(
            ProxyLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), idle),
            Duration.ofSeconds(5));
    // Busy for three idle timeouts, never idle for half of one: the connection stays open.
    long end = System.nanoTime() + 3 * idle.toNanos();
    for (int i = 0; i < 100 && System.nanoTime() - end < 0; i++) {
      assertEquals(200, f.get("/n" + i).statusCode());
      Thread.sleep(idle.toMillis() / 4);
    }
    assertEquals(1, f.backend.accepted.get());
    assertEquals(0, f.backend.closed.get(), "closed while in use");
    // Then idle: closed by the pool, not the backend (which keeps connections open).
    awaitTrue(() -> f.backend.closed.get() == 1);
    assertEquals(200, f.get("/after").statusCode());
    assertEquals(2, f.backend.accepted.get());
  }

  @Test
  void upstreamConnectionClose_isRespected_notReused() throws Exception {
    ProxyFixture f = start();
    for (int i = 0; i < 3; i++) {
      assertEquals("closing", f.get("/close").body());
    }
    assertEquals(3, f.backend.accepted.get());
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder_onOneConnection() throws Exception {
    ProxyFixture f = start();
    try (Socket socket = RawHttp.connect(f.address())) {
      RawHttp.send(
          socket,
          "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
              + "GET /local HTTP/1.1\r\nHost: a\r\n\r\n"
              + "HEAD /three HTTP/1.1\r\nHost: a\r\n\r\n"
              + "GET /four HTTP/1.1\r\nHost: a\r\n\r\n");
      assertTrue(RawHttp.read(socket).text().startsWith("GET /one"));
      RawHttp.Response local = RawHttp.read(socket);
      assertEquals(418, local.status());
      assertEquals("short and stout", local.text());
      RawHttp.Response head = RawHttp.read(socket);
      assertEquals(200, head.status());
      // A HEAD answer carries the length of the body it does not send; skip parsing that body.
      assertFalse(head.headers().get("content-length").isEmpty());
    }
  }

  @Test
  void headResponse_hasNoBody_andTheConnectionStaysUsable() throws Exception {
    ProxyFixture f = start();
    try (Socket socket = RawHttp.connect(f.address())) {
      RawHttp.send(socket, "HEAD /x HTTP/1.1\r\nHost: a\r\n\r\n");
      String head = readUntil(socket.getInputStream(), "\r\n\r\n");
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      RawHttp.send(socket, "GET /after HTTP/1.1\r\nHost: a\r\n\r\n");
      assertTrue(RawHttp.read(socket).text().startsWith("GET /after"));
    }
  }

  @Test
  void fullPool_queuesUpToPendingLimit_thenOverflowsWith503() throws Exception {
    ProxyFixture f = start(ProxyLimits.DEFAULTS.withUpstreamLimits(1, 1), Duration.ofSeconds(5));
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(
          f.client.sendAsync(
              HttpRequest.newBuilder(f.uri("/slow?ms=1000")).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    int ok = 0;
    int overflow = 0;
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
      if (response.statusCode() == 200) {
        ok++;
      } else {
        assertEquals(503, response.statusCode());
        assertEquals("true", response.headers().firstValue("x-envoy-overloaded").orElse(null));
        overflow++;
      }
    }
    assertEquals(2, ok);
    assertEquals(2, overflow);
    assertEquals(2, f.proxy.stats().overflows());
    assertEquals(1, f.backend.accepted.get());
  }

  @Test
  void noResponseHeadersInTime_is504_andTheUpstreamConnectionIsClosed() throws Exception {
    ProxyFixture f = start(ProxyLimits.DEFAULTS, Duration.ofMillis(300));
    HttpResponse<String> response = f.get("/hang");
    assertEquals(504, response.statusCode());
    assertEquals(1, f.proxy.stats().timeouts());
    awaitTrue(() -> f.backend.closed.get() == 1);
    // The downstream connection is still good for the next request.
    assertEquals(504, f.get("/hang").statusCode());
  }

  @Test
  void stalledUpload_is408_andBothConnectionsClose() throws Exception {
    ProxyFixture f =
        start(
            ProxyLimits.DEFAULTS.withStreamIdleTimeout(Duration.ofMillis(300)),
            Duration.ofSeconds(5));
    try (Socket socket = RawHttp.connect(f.address())) {
      RawHttp.send(socket, "POST /count HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab");
      RawHttp.Response response = RawHttp.read(socket);
      assertEquals(408, response.status());
      assertTrue(RawHttp.closedByPeer(socket));
    }
    assertEquals(1, f.proxy.stats().streamIdleTimeouts());
    awaitTrue(() -> f.backend.closed.get() == 1);
  }

  @Test
  void unreachableUpstream_is503() throws Exception {
    ProxyFixture f = start();
    HttpResponse<String> response = f.get("/nowhere");
    assertEquals(503, response.statusCode());
    assertEquals(1, f.proxy.stats().connectFailures());
  }

  @Test
  void upstreamResetAfterHeaders_closesTheClientConnection() throws Exception {
    ProxyFixture f = start();
    try (Socket socket = RawHttp.connect(f.address())) {
      RawHttp.send(socket, "GET /reset HTTP/1.1\r\nHost: a\r\n\r\n");
      byte[] all = socket.getInputStream().readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      assertTrue(text.startsWith("HTTP/1.1 200"), text);
      assertTrue(text.contains("content-length: 1000"), text);
      int body = all.length - (text.indexOf("\r\n\r\n") + 4);
      assertEquals(10, body, "the truncated body ends with the connection");
    }
    assertEquals(1, f.proxy.stats().upstreamResets());
  }

  @Test
  void responseHead_reachesTheClient_beforeAnyBodyExists() throws Exception {
    ProxyFixture f = start();
    try (Socket socket = RawHttp.connect(f.address())) {
      InputStream in = socket.getInputStream();
      RawHttp.send(socket, "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
      // The backend answers with a head at once and echoes the body as it comes: the proxy holds
      // a head back only until its upstream read ends, never until a body arrives.
      String head = readUntil(in, "\r\n\r\n");
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      RawHttp.send(socket, "5\r\nhello\r\n");
      readUntil(in, "hello");
      RawHttp.send(socket, "0\r\n\r\n");
      readUntil(in, "0\r\n\r\n");
    }
  }

  @Test
  void localResponse_keepsTheConnectionAlive() throws Exception {
    ProxyFixture f = start();
    try (Socket socket = RawHttp.connect(f.address())) {
      for (int i = 0; i < 3; i++) {
        RawHttp.send(socket, "GET /local HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(418, RawHttp.read(socket).status());
      }
    }
    assertEquals(0, f.backend.accepted.get());
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder seen = new StringBuilder();
    for (int b = in.read(); b >= 0; b = in.read()) {
      seen.append((char) b);
      if (seen.toString().endsWith(marker)) {
        return seen.toString();
      }
    }
    throw new IOException("closed before " + marker.strip() + ": " + seen);
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean(), "condition not reached within 2 s");
  }

  /** A body of zeros produced on demand, so the test itself never holds it in memory. */
  private static final class ZeroStream extends InputStream {
    private long remaining;

    ZeroStream(long size) {
      this.remaining = size;
    }

    @Override
    public int read() {
      if (remaining <= 0) {
        return -1;
      }
      remaining--;
      return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (remaining <= 0) {
        return -1;
      }
      int n = (int) Math.min(length, remaining);
      java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
      remaining -= n;
      return n;
    }
  }
}
