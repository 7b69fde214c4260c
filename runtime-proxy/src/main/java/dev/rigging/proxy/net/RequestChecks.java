package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Optional;

/**
 * Framing rules a proxy must enforce itself because a lenient reading would let the proxy and the
 * upstream disagree on where a request ends (request smuggling, RFC 9112 §6.1 and §11.2).
 */
final class RequestChecks {
  private RequestChecks() {}

  /** The reason the request must be refused with 400, if any. */
  static Optional<String> problem(HttpRequest request) {
    List<String> transferEncodings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (!transferEncodings.isEmpty()) {
      if (request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
        return Optional.of("both Content-Length and Transfer-Encoding");
      }
      // Only a lone "chunked" has one meaning to every parser on the path.
      if (transferEncodings.size() != 1 || !"chunked".equalsIgnoreCase(transferEncodings.get(0))) {
        return Optional.of("unsupported Transfer-Encoding " + transferEncodings);
      }
      if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
        return Optional.of("Transfer-Encoding in an HTTP/1.0 request");
      }
    }
    int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
    if (hosts > 1) {
      return Optional.of("more than one Host header");
    }
    if (hosts == 0 && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
      return Optional.of("missing Host header");
    }
    return Optional.empty();
  }
}
