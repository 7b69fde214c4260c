package dev.rigging.proxy.net;

import java.util.List;
import java.util.Optional;

/** Which headers a configured edit may set: valid names and values the proxy does not own. */
public final class HeaderSyntax {
  private HeaderSyntax() {}

  /** Names an edit may not touch: the proxy owns framing and connection management. */
  private static final List<String> RESERVED =
      List.of(
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "upgrade",
          "expect");

  /**
   * Why a header {@code name: value} may not be set by an edit, if it may not: for checking
   * configured edits when they are loaded, rather than on every request.
   */
  public static Optional<String> problem(String name, String value) {
    if (name.isEmpty()) {
      return Optional.of("not a header name: \"\"");
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        return Optional.of("not a header name: \"" + name + "\"");
      }
    }
    for (String reserved : RESERVED) {
      if (reserved.equalsIgnoreCase(name)) {
        return Optional.of("header " + name + " is managed by the proxy");
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // CR, LF and NUL would let a value end the header and inject another.
      if (c == '\r' || c == '\n' || c == 0) {
        return Optional.of("control character in value of header " + name);
      }
    }
    return Optional.empty();
  }

  /** RFC 9110 token characters. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
