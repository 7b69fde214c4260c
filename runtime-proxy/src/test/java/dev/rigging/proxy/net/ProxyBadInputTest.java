package dev.rigging.proxy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each request the proxy must refuse, sent byte-exact, and that refusing it harms no one else. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ProxyBadInputTest {
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(500);
  private static ProxyFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    ProxyLimits limits =
        ProxyLimits.DEFAULTS.withTimeouts(
            HEADER_TIMEOUT, Duration.ofSeconds(2), Duration.ofSeconds(30));
    fixture = new ProxyFixture(limits, Duration.ofSeconds(5), 2);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** Sends {@code request}, expects {@code status}, and expects the proxy to close afterwards. */
  private static void assertRefused(int status, String request) throws Exception {
    try (Socket socket = RawHttp.connect(fixture.address())) {
      RawHttp.send(socket, request);
      RawHttp.Response response = RawHttp.read(socket);
      assertEquals(status, response.status(), response.text());
      assertEquals("close", response.headers().get("connection"));
      assertTrue(RawHttp.closedByPeer(socket), "connection left open");
    }
  }

  /**
   * The proxy answers before the body arrives (here, from the router itself) and will not read the
   * body, so it closes. Closing with unread bytes makes the kernel send a reset, on which a client
   * still sending the body (the JDK's, here) fails the exchange without reading the answer. The
   * proxy must linger, reading and dropping the rest, as for a refused request.
   */
  @Test
  void localAnswerBeforeTheBody_reachesAClientStillSendingIt() throws Exception {
    for (int i = 0; i < 5; i++) {
      var response =
          fixture.client.send(
              java.net.http.HttpRequest.newBuilder(fixture.uri("/local"))
                  .timeout(Duration.ofSeconds(10))
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[4 << 20]))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(418, response.statusCode(), response.body());
    }
  }

  @Test
  void malformedRequestLine_is400() throws Exception {
    assertRefused(400, "THIS IS NOT HTTP\r\n\r\n");
  }

  @Test
  void malformedHeaderName_is400() throws Exception {
    assertRefused(400, "GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n");
  }

  @Test
  void contentLengthWithTransferEncoding_is400() throws Exception {
    assertRefused(
        400,
        "POST /count HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n");
  }

  @Test
  void conflictingContentLengths_are400() throws Exception {
    assertRefused(
        400,
        "POST /count HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
  }

  @Test
  void repeatedEqualContentLengths_are400() throws Exception {
    assertRefused(400, "POST /count HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello");
  }

  @Test
  void transferEncodingOtherThanChunked_is400() throws Exception {
    assertRefused(
        400,
        "POST /count HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
  }

  @Test
  void missingHost_is400() throws Exception {
    assertRefused(400, "GET / HTTP/1.1\r\n\r\n");
  }

  @Test
  void oversizedHeaderSection_is431() throws Exception {
    String big = "x".repeat(ProxyLimits.DEFAULTS.maxHeaderSize() + 1);
    assertRefused(431, "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + big + "\r\n\r\n");
  }

  @Test
  void oversizedRequestLine_is414() throws Exception {
    String path = "/" + "p".repeat(ProxyLimits.DEFAULTS.maxInitialLineLength() + 1);
    assertRefused(414, "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
  }

  @Test
  void clientThatNeverFinishesItsHeaders_isClosedAfterTheHeaderTimeout() throws Exception {
    long before = fixture.proxy.stats().headerTimeouts();
    try (Socket socket = RawHttp.connect(fixture.address())) {
      long start = System.nanoTime();
      RawHttp.send(socket, "GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ");
      assertTrue(RawHttp.closedByPeer(socket));
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(waited.compareTo(HEADER_TIMEOUT.minusMillis(50)) >= 0, waited.toString());
    }
    ProxyForwardingTest.awaitTrue(() -> fixture.proxy.stats().headerTimeouts() > before);
  }

  @Test
  void goodClient_isServed_whileOthersMisbehave() throws Exception {
    List<Socket> bad = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Socket socket = RawHttp.connect(fixture.address());
        bad.add(socket);
        // Alternate slow headers and smuggling attempts across both event loops.
        RawHttp.send(
            socket,
            i % 2 == 0
                ? "GET / HTTP/1.1\r\nHost: a\r\n"
                : "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
      }
      for (int i = 0; i < 20; i++) {
        assertEquals(200, fixture.get("/good" + i).statusCode());
      }
    } finally {
      for (Socket socket : bad) {
        socket.close();
      }
    }
  }
}
