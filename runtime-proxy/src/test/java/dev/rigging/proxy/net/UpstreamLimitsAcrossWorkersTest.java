package dev.rigging.proxy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection and pending limits hold for the whole proxy, not per worker thread: Envoy's
 * circuit breakers count per cluster, and a limit of 1 must not become 1 per core.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UpstreamLimitsAcrossWorkersTest {

  @Test
  void limitsAreShared_andAWaiterIsServedByASlotFreedOnAnotherWorker() throws Exception {
    ProxyLimits limits = ProxyLimits.DEFAULTS.withUpstreamLimits(1, 1);
    try (ProxyFixture f = new ProxyFixture(limits, Duration.ofSeconds(5), 2)) {
      List<Socket> sockets = new ArrayList<>();
      try {
        // The listener deals connections to the two workers in turn: 1 and 3 share one, 2 and 4
        // the other, so the waiting request sits on a different worker from the busy connection.
        for (int i = 0; i < 4; i++) {
          Socket socket = RawHttp.connect(f.address());
          sockets.add(socket);
          RawHttp.send(socket, "GET /slow?ms=400 HTTP/1.1\r\nHost: a\r\n\r\n");
          if (i == 0) {
            ProxyForwardingTest.awaitTrue(() -> f.backend.accepted.get() == 1);
          } else {
            Thread.sleep(50);
          }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Socket socket : sockets) {
          statuses.add(RawHttp.read(socket).status());
        }
        assertEquals(List.of(200, 200, 503, 503), statuses);
        assertEquals(2, f.proxy.stats().overflows());
        // The first connection is closed to free the slot for the other worker's waiter.
        assertEquals(2, f.backend.accepted.get());
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    }
  }
}
