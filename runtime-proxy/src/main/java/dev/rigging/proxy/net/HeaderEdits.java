package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header changes applied to a forwarded request or a relayed response: removals first, then sets
 * (which replace), then appends.
 *
 * @param set headers to set, replacing any present value; setting {@code host} rewrites the
 *     authority
 * @param remove header names to drop
 * @param append headers added beside any present values
 */
public record HeaderEdits(Map<String, String> set, List<String> remove, List<Header> append) {
  /** No changes. */
  public static final HeaderEdits NONE = new HeaderEdits(Map.of(), List.of(), List.of());

  /** One header name and value. */
  public record Header(String name, String value) {}

  /** Sets and removals only. */
  public HeaderEdits(Map<String, String> set, List<String> remove) {
    this(set, remove, List.of());
  }

  /** Whether applying these edits changes nothing. */
  public boolean isEmpty() {
    return set.isEmpty() && remove.isEmpty() && append.isEmpty();
  }

  /** Names an edit may not touch: the proxy owns framing and connection management. */
  private static final Set<String> RESERVED =
      Set.of(
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "upgrade",
          "expect");

  public HeaderEdits {
    set = Map.copyOf(set);
    remove = List.copyOf(remove);
    append = List.copyOf(append);
    set.forEach(HeaderEdits::checkSet);
    remove.forEach(HeaderEdits::checkName);
    append.forEach(header -> checkSet(header.name(), header.value()));
  }

  private static void checkSet(String name, String value) {
    checkName(name);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // CR, LF and NUL would let a value end the header and inject another.
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException("control character in value of header " + name);
      }
    }
  }

  private static void checkName(String name) {
    if (name.isEmpty() || !name.chars().allMatch(HeaderEdits::isTokenChar)) {
      throw new IllegalArgumentException("not a header name: \"" + name + "\"");
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("header " + name + " is managed by the proxy");
    }
  }

  /** RFC 9110 token characters. */
  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  void applyTo(HttpHeaders headers) {
    remove.forEach(headers::remove);
    set.forEach(headers::set);
    append.forEach(header -> headers.add(header.name(), header.value()));
  }
}
