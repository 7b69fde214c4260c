package dev.rigging.emitters.envoy;

/** A JSON value not written yet: it writes itself where the document needs it. */
@FunctionalInterface
interface JsonValue {
  /** Writes the value as the next value of {@code out}. */
  void writeTo(CompactJson out);
}
