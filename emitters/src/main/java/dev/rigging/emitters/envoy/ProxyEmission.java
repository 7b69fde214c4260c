package dev.rigging.emitters.envoy;

import dev.rigging.emitters.EmittedDocument;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One proxy's share of the output, emitted on demand. Proxies are independent of each other, so a
 * caller may emit them on several threads at once and drop each proxy's documents once it has dealt
 * with them: a large mesh then never holds more than a few proxies' text in memory.
 *
 * @param proxy the proxy's name
 * @param documents emits the proxy's documents (bootstrap, listeners, clusters, routes); each call
 *     builds them afresh, with the same bytes
 */
public record ProxyEmission(String proxy, Supplier<List<EmittedDocument>> documents) {
  public ProxyEmission {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(documents, "documents");
  }

  /** Emits this proxy's documents. Safe to call from any thread. */
  public List<EmittedDocument> emit() {
    return documents.get();
  }
}
