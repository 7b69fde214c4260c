package dev.rigging.emitters;

import dev.rigging.source.Span;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Maps JSON paths inside one emitted document to the {@code .mesh} span that produced them, so a
 * validator's complaint about {@code static_resources.clusters[2].load_assignment} can point at the
 * service or endpoint the user wrote.
 *
 * <p>Entries are recorded at coarse granularity (listener, filter chain, virtual host, route,
 * cluster, endpoint, RBAC policy); a lookup finds the longest recorded prefix, counted in path
 * segments. Emitting tens of thousands of documents must stay cheap and lookups are rare (they
 * happen only when something is wrong), so the entries may be supplied lazily and are materialized
 * on the first lookup.
 */
public final class SourceMap {
  private final Span root;
  private final Consumer<BiConsumer<String, Span>> replay;
  private volatile Map<String, Span> entries;

  private SourceMap(Span root, Consumer<BiConsumer<String, Span>> replay) {
    this.root = root;
    this.replay = replay;
  }

  /** Returns a map of the given entries; {@code root} (nullable) is the fallback span. */
  public static SourceMap of(Span root, Map<String, Span> entries) {
    var copy = Map.copyOf(entries);
    return new SourceMap(root, sink -> copy.forEach(sink));
  }

  /**
   * Returns a map whose entries are produced by {@code replay} when first needed; {@code replay}
   * must report the same entries every time it is called. Paths may start with {@code .}.
   */
  public static SourceMap lazy(Span root, Consumer<BiConsumer<String, Span>> replay) {
    return new SourceMap(root, Objects.requireNonNull(replay, "replay"));
  }

  /** Returns the span of the whole document: the service or gateway it was emitted for. */
  public Optional<Span> root() {
    return Optional.ofNullable(root);
  }

  /**
   * Returns the span recorded for the longest prefix of {@code violationPath} (in segments: {@code
   * routes[1]} is not a prefix of {@code routes[12]}), or the document's root span when nothing
   * along the path was recorded.
   */
  public Optional<Span> lookup(String violationPath) {
    var map = materialized();
    var segments = JsonPaths.segments(violationPath);
    for (int count = segments.size(); count > 0; count--) {
      Span span = map.get(JsonPaths.join(segments, count));
      if (span != null) {
        return Optional.of(span);
      }
    }
    return root();
  }

  /** Returns every recorded entry, by canonical path. */
  public SortedMap<String, Span> entries() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(materialized()));
  }

  private Map<String, Span> materialized() {
    var map = entries;
    if (map == null) {
      var built = new HashMap<String, Span>();
      // The first entry for a path wins: builders record the most specific origin first.
      replay.accept((path, span) -> built.putIfAbsent(JsonPaths.canonical(path), span));
      map = Collections.unmodifiableMap(built);
      entries = map;
    }
    return map;
  }

  @Override
  public String toString() {
    return "SourceMap" + entries();
  }
}
