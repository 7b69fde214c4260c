package dev.rigging.emitters.envoy;

import java.util.function.Consumer;

/**
 * One JSON value already written as compact JSON, to be copied wherever it goes: a value that
 * appears many times (a callee's virtual host in every caller's routes, a sidecar's RBAC filters
 * and TLS context in each of its inbound chains, the fixed access log) is written once.
 *
 * @param bytes the value's UTF-8 text; never modified
 * @param ascii whether every byte is ASCII
 */
record Fragment(byte[] bytes, boolean ascii) implements JsonValue {

  /** The value {@code writer} writes. */
  static Fragment of(Consumer<CompactJson> writer) {
    var out = new CompactJson(512);
    writer.accept(out);
    return out.toFragment();
  }

  @Override
  public void writeTo(CompactJson out) {
    out.value(this);
  }
}
