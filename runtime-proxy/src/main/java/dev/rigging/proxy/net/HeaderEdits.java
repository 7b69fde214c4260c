package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Header changes applied to a forwarded request or a relayed response: removals first, then sets
 * (which replace), then appends.
 *
 * <p>The public constructors copy and check every name and value ({@link HeaderSyntax}); {@link
 * #unchecked} is for the edits a router builds on every request out of values that are already
 * known to be valid.
 */
public final class HeaderEdits {
  /** No changes. */
  public static final HeaderEdits NONE = new HeaderEdits(Map.of(), List.of(), List.of());

  /** One header name and value. */
  public record Header(String name, String value) {}

  private final Map<String, String> set;
  private final List<String> remove;
  private final List<Header> append;

  /**
   * @param set headers to set, replacing any present value; setting {@code host} rewrites the
   *     authority
   * @param remove header names to drop
   * @param append headers added beside any present values
   * @throws IllegalArgumentException if a name or value cannot be sent, or a name is one the proxy
   *     manages itself
   */
  public HeaderEdits(Map<String, String> set, List<String> remove, List<Header> append) {
    this(Map.copyOf(set), List.copyOf(remove), List.copyOf(append), true);
  }

  /** Sets and removals only. */
  public HeaderEdits(Map<String, String> set, List<String> remove) {
    this(set, remove, List.of());
  }

  private HeaderEdits(
      Map<String, String> set, List<String> remove, List<Header> append, boolean check) {
    this.set = set;
    this.remove = remove;
    this.append = append;
    if (check) {
      set.forEach(HeaderEdits::check);
      remove.forEach(name -> check(name, ""));
      append.forEach(header -> check(header.name(), header.value()));
    }
  }

  /**
   * Edits taken as they are: no copy, no check. Only for names and values the proxy made itself (an
   * id, a constant) or checked already (the route config's edits, when it loaded; request data
   * through {@link #check}). The caller hands the collections over and does not change them after.
   */
  public static HeaderEdits unchecked(
      Map<String, String> set, List<String> remove, List<Header> append) {
    return new HeaderEdits(set, remove, append, false);
  }

  /**
   * Checks one header as the public constructors do.
   *
   * @throws IllegalArgumentException if it cannot be sent or the proxy manages it itself
   */
  public static void check(String name, String value) {
    HeaderSyntax.problem(name, value)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  /** Headers set, replacing any present value. */
  public Map<String, String> set() {
    return set;
  }

  /** Header names dropped. */
  public List<String> remove() {
    return remove;
  }

  /** Headers added beside any present values. */
  public List<Header> append() {
    return append;
  }

  /** Whether applying these edits changes nothing. */
  public boolean isEmpty() {
    return set.isEmpty() && remove.isEmpty() && append.isEmpty();
  }

  void applyTo(HttpHeaders headers) {
    for (String name : remove) {
      headers.remove(name);
    }
    for (Map.Entry<String, String> header : set.entrySet()) {
      headers.set(header.getKey(), header.getValue());
    }
    for (Header header : append) {
      headers.add(header.name(), header.value());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HeaderEdits edits
        && set.equals(edits.set)
        && remove.equals(edits.remove)
        && append.equals(edits.append);
  }

  @Override
  public int hashCode() {
    return Objects.hash(set, remove, append);
  }

  @Override
  public String toString() {
    return "HeaderEdits[set=" + set + ", remove=" + remove + ", append=" + append + "]";
  }
}
