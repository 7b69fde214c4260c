package dev.rigging.emitters.envoy;

import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The {@code .mesh} spans behind parts of one JSON value, by paths relative to that value ({@code
 * ""} is the value itself; others start with {@code .} or {@code [}).
 *
 * <p>Values are nested and shared (one virtual host appears in every caller's route config), so
 * children are linked rather than copied; paths are only concatenated when a {@link
 * dev.rigging.emitters.SourceMap} is materialized.
 */
final class Origins {
  private record Entry(String path, Span span) {}

  private record Child(String prefix, Origins origins) {}

  private final List<Entry> entries = new ArrayList<>(1);
  private final List<Child> children = new ArrayList<>(2);

  /** Records the span of the value itself. */
  Origins here(Span span) {
    entries.add(new Entry("", span));
    return this;
  }

  /** Records the span of a part of the value. */
  Origins at(String relativePath, Span span) {
    entries.add(new Entry(relativePath, span));
    return this;
  }

  /** Links the origins of a value nested at {@code relativePath}. */
  Origins nest(String relativePath, Origins child) {
    if (!child.isEmpty()) {
      children.add(new Child(relativePath, child));
    }
    return this;
  }

  boolean isEmpty() {
    return entries.isEmpty() && children.isEmpty();
  }

  /** Reports every entry, own entries first, with {@code prefix} prepended to its path. */
  void replay(String prefix, BiConsumer<String, Span> sink) {
    for (var entry : entries) {
      sink.accept(prefix + entry.path(), entry.span());
    }
    for (var child : children) {
      child.origins().replay(prefix + child.prefix(), sink);
    }
  }
}
