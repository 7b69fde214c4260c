package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

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

  public HeaderEdits {
    set = Map.copyOf(set);
    remove = List.copyOf(remove);
    append = List.copyOf(append);
    set.forEach(HeaderEdits::checkSet);
    remove.forEach(HeaderEdits::checkName);
    append.forEach(header -> checkSet(header.name(), header.value()));
  }

  private static void checkSet(String name, String value) {
    HeaderSyntax.problem(name, value)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  private static void checkName(String name) {
    checkSet(name, "");
  }

  void applyTo(HttpHeaders headers) {
    remove.forEach(headers::remove);
    set.forEach(headers::set);
    append.forEach(header -> headers.add(header.name(), header.value()));
  }
}
