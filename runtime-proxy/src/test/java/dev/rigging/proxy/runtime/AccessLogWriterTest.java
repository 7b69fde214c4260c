package dev.rigging.proxy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rigging.proxy.log.RequestLog;
import dev.rigging.proxy.net.ConnectionInfo;
import dev.rigging.proxy.net.ExchangeLog;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an exchange's request reads in the access log: headers as Envoy's formatter sees them. */
class AccessLogWriterTest {

  @Test
  void requestHeaders_absentSingleAndRepeated_readAsEnvoyShowsThem() {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.add("Host", "callme.demo");
    headers.add("x-one", "a");
    headers.add("X-Many", "1");
    headers.add("x-many", "2");
    headers.add("x-many", "3");
    RequestLog log =
        AccessLogWriter.requestLog(
            new ExchangeLog(
                Instant.parse("2026-11-21T14:03:07Z"),
                0,
                "GET",
                "/callme",
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
                new InetSocketAddress("127.0.0.1", 40000)));

    assertEquals("a", log.requestHeaders().get("x-one"));
    assertEquals("1,2,3", log.requestHeaders().get("x-many"));
    assertNull(log.requestHeaders().get("x-none"));
    assertEquals("callme.demo", log.requestHeaders().get(":authority"));
    assertEquals("/callme", log.requestHeaders().get(":path"));
    assertEquals("http", log.requestHeaders().get(":scheme"));
  }
}
