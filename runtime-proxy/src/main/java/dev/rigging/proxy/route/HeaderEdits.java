package dev.rigging.proxy.route;

import java.util.List;
import java.util.Objects;

/**
 * Request and response header changes a route makes, as Envoy's {@code *_headers_to_add/remove}.
 */
public record HeaderEdits(
    List<HeaderToAdd> requestHeadersToAdd,
    List<String> requestHeadersToRemove,
    List<HeaderToAdd> responseHeadersToAdd,
    List<String> responseHeadersToRemove) {

  public static final HeaderEdits NONE =
      new HeaderEdits(List.of(), List.of(), List.of(), List.of());

  public HeaderEdits {
    requestHeadersToAdd = List.copyOf(requestHeadersToAdd);
    requestHeadersToRemove = List.copyOf(requestHeadersToRemove);
    responseHeadersToAdd = List.copyOf(responseHeadersToAdd);
    responseHeadersToRemove = List.copyOf(responseHeadersToRemove);
  }

  /** One header to set; {@code append} adds a value instead of replacing existing ones. */
  public record HeaderToAdd(String name, String value, boolean append) {
    public HeaderToAdd {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }
}
