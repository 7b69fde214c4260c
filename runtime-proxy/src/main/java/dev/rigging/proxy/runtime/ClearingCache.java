package dev.rigging.proxy.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values derived from keys that recur on the data path (a peer, an address), computed once per key
 * and forgotten all at once when more than {@code limit} keys are held: simpler than eviction, and
 * the keys that matter come back at once. Thread-safe.
 */
final class ClearingCache<K, V> {
  private final Map<K, V> values = new ConcurrentHashMap<>();
  private final int limit;

  ClearingCache(int limit) {
    this.limit = limit;
  }

  /**
   * The value for {@code key}, computed by {@code compute} the first time (and again after a
   * clear); a {@code compute} that throws leaves nothing behind.
   */
  V get(K key, Function<? super K, ? extends V> compute) {
    V value = values.get(key);
    if (value == null) {
      value = compute.apply(key);
      if (values.size() >= limit) {
        values.clear();
      }
      values.put(key, value);
    }
    return value;
  }
}
