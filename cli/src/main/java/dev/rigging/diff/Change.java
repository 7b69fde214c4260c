package dev.rigging.diff;

/**
 * One difference in traffic terms between two revisions of a mesh.
 *
 * @param scope what it concerns, e.g. {@code route callme} or {@code authz callme}; renderers group
 *     changes by scope, in the order they were found
 * @param kind whether something appeared, disappeared or changed
 * @param text the change for people, names and values in backticks, e.g. {@code `callme` v2: 80% →
 *     100%}
 */
public record Change(String scope, Kind kind, String text) {
  /** Appeared, disappeared or changed; the marker renderers put before the text. */
  public enum Kind {
    ADDED("+"),
    REMOVED("-"),
    CHANGED("~");

    private final String marker;

    Kind(String marker) {
      this.marker = marker;
    }

    public String marker() {
      return marker;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
