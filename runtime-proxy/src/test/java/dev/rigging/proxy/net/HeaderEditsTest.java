package dev.rigging.proxy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderEditsTest {
  @Test
  void removalsApplyBeforeSets_andSetsReplace() {
    HttpHeaders headers = new DefaultHttpHeaders().add("x-a", "1").add("x-a", "2").add("x-b", "b");
    new HeaderEdits(Map.of("x-a", "3", "host", "new.test"), List.of("x-b")).applyTo(headers);
    assertEquals(List.of("3"), headers.getAll("x-a"));
    assertEquals("new.test", headers.get("host"));
    assertEquals(null, headers.get("x-b"));
  }

  @Test
  void framingAndConnectionHeaders_cannotBeEdited() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new HeaderEdits(Map.of("Content-Length", "0"), List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new HeaderEdits(Map.of(), List.of("transfer-encoding")));
  }

  @Test
  void valuesThatWouldInjectHeaders_areRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new HeaderEdits(Map.of("x-a", "1\r\nx-evil: 2"), List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new HeaderEdits(Map.of("x a", "1"), List.of()));
  }
}
