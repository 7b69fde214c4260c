package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the headers that describe one connection rather than the message (RFC 9110 §7.6.1), so
 * neither side's connection options leak to the other; framing is re-applied by the caller.
 */
final class HopByHopHeaders {
  // Keep-Alive and Proxy-Connection are spelled out: Netty deprecates its constants for them.
  private static final List<CharSequence> ALWAYS =
      List.of(
          HttpHeaderNames.CONNECTION,
          AsciiString.cached("keep-alive"),
          AsciiString.cached("proxy-connection"),
          HttpHeaderNames.TE,
          HttpHeaderNames.TRAILER,
          HttpHeaderNames.UPGRADE,
          HttpHeaderNames.TRANSFER_ENCODING);

  private HopByHopHeaders() {}

  static void strip(HttpHeaders headers) {
    // Headers the sender named in Connection are hop-by-hop too, whatever they are called.
    List<String> named = new ArrayList<>();
    for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : value.split(",")) {
        String name = token.trim();
        if (!name.isEmpty()) {
          named.add(name);
        }
      }
    }
    named.forEach(headers::remove);
    ALWAYS.forEach(headers::remove);
  }
}
