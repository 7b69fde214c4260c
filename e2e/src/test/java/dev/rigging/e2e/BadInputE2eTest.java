package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.net.ProxyLimits;
import dev.rigging.proxy.runtime.ProxyRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What no well-behaved client sends, sent to the caller's outbound listener byte for byte: each is
 * refused with a clean status (or the connection closed), never forwarded, and other clients are
 * served meanwhile.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputE2eTest {
  @TempDir static Path work;
  static PolicyTree tree;
  static Deployment mesh;
  static AppBackend v1;
  static AppBackend v2;
  static ProxyRuntime caller;
  static InetSocketAddress outbound;

  @BeforeAll
  static void start() throws Exception {
    tree =
        PolicyTree.copy(
            "callme",
            work.resolve("policy"),
            Map.of("    fault delay 5s on 10%, abort 500 on 10%\n", ""));
    mesh = Deployment.compile(tree.root(), work);
    v1 = new AppBackend("callme-v1", tree.port(9101));
    v2 = new AppBackend("callme-v2", tree.port(9102));
    mesh.start("callme");
    ProxyLimits limits =
        ProxyLimits.DEFAULTS.withTimeouts(
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(30));
    caller = mesh.start("caller", mesh.configDir("caller"), limits);
    outbound = new InetSocketAddress("127.0.0.1", tree.port(15090));
  }

  @AfterAll
  static void stop() {
    mesh.close();
    v1.close();
    v2.close();
  }

  @Test
  void malformedRequestLine_is400() throws Exception {
    assertEquals(400, status(exchange("GARBAGE\r\n\r\n")));
  }

  @Test
  void contentLengthAndTransferEncodingTogether_is400_andNothingIsForwarded() throws Exception {
    int before = v1.requests.get() + v2.requests.get();
    String smuggle =
        "POST /callme/x HTTP/1.1\r\n"
            + "Host: callme\r\n"
            + "Content-Length: 4\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "0\r\n\r\n"
            + "GET /callme/admin HTTP/1.1\r\n"
            + "Host: callme\r\n\r\n";
    assertEquals(400, status(exchange(smuggle)));
    assertEquals(before, v1.requests.get() + v2.requests.get());
  }

  @Test
  void http2PriorKnowledge_isRefusedClearly() throws Exception {
    String answer = exchange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    assertEquals(505, status(answer));
  }

  @Test
  void oversizedHeaders_is431() throws Exception {
    String big = "x".repeat(ProxyLimits.DEFAULTS.maxHeaderSize() + 1);
    assertEquals(
        431,
        status(exchange("GET /callme/x HTTP/1.1\r\nHost: callme\r\nX-Big: " + big + "\r\n\r\n")));
  }

  @Test
  void slowClients_areCutOff_whileOthersAreServed() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Socket socket = new Socket();
        socket.connect(outbound, 2000);
        socket.setSoTimeout(5000);
        socket
            .getOutputStream()
            .write("GET /callme/x HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      var client = Clients.plain();
      URI uri = URI.create("http://127.0.0.1:" + tree.port(15090) + "/callme/x");
      for (int i = 0; i < 10; i++) {
        assertEquals(200, Clients.get(client, uri, "callme").statusCode());
      }
      for (Socket socket : slow) {
        assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
    assertTrue(caller.stats().value("rigging_downstream_header_timeout_total") >= 20);
  }

  private static String exchange(String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(outbound, 2000);
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        head.write(b);
      }
      return head.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static int status(String statusLine) {
    String[] parts = statusLine.split(" ");
    assertTrue(parts.length >= 2 && parts[0].startsWith("HTTP/1."), "a status line: " + statusLine);
    return Integer.parseInt(parts[1]);
  }
}
