package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A request header's values as Envoy's matchers and access log see them: joined with ",". */
public final class HeaderValues {
  /**
   * Header names as Netty looks them up fastest: an {@link AsciiString} keeps its case-insensitive
   * hash, which Netty computes afresh, character by character, for every lookup by a {@link
   * String}. Holds the names configs ask for (matchers, RBAC rules, log formats): a bounded few.
   */
  private static final Map<String, AsciiString> NAMES = new ConcurrentHashMap<>();

  private HeaderValues() {}

  /** The values of header {@code name} (any case) joined with {@code ","} in the order received. */
  public static String joined(HttpHeaders headers, String name) {
    AsciiString key = NAMES.get(name);
    if (key == null) {
      key = NAMES.computeIfAbsent(name, AsciiString::cached);
    }
    Iterator<String> values = headers.valueStringIterator(key);
    if (!values.hasNext()) {
      return null;
    }
    String one = values.next();
    if (!values.hasNext()) {
      return one; // the usual case, without a list
    }
    // In the order received: Netty's value iterator runs from the last value back.
    return String.join(",", headers.getAll(key));
  }
}
