package dev.rigging.proxy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {
  @Test
  void absentSingleAndRepeated_inTheOrderReceived_anyCase() {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.add("X-One", "1");
    headers.add("x-many", "a");
    headers.add("Other", "o");
    headers.add("X-Many", "b");
    headers.add("x-MANY", "c");
    assertNull(HeaderValues.joined(headers, "x-none"));
    assertEquals("1", HeaderValues.joined(headers, "x-one"));
    assertEquals("a,b,c", HeaderValues.joined(headers, "x-many"));
    assertEquals("a,b,c", HeaderValues.joined(headers, "X-Many"), "names in any case");
  }
}
