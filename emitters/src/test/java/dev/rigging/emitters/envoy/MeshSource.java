package dev.rigging.emitters.envoy;

import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;

/**
 * The {@code .mesh} text a test mesh was "written" in, so spans in test IR point at real lines and
 * the goldens show meaningful {@code file:line:col} sources.
 */
final class MeshSource {
  private final SourceFile file;

  MeshSource(String path, String text) {
    this.file = SourceFile.of(path, text);
  }

  /** The span of the first occurrence of {@code snippet}. */
  Span at(String snippet) {
    return at(snippet, 0);
  }

  /** The span of the first occurrence of {@code snippet} after the first {@code anchor}. */
  Span after(String anchor, String snippet) {
    return at(snippet, file.text().indexOf(anchor));
  }

  private Span at(String snippet, int from) {
    int start = file.text().indexOf(snippet, Math.max(from, 0));
    if (start < 0) {
      throw new IllegalArgumentException("not in " + file.path() + ": " + snippet);
    }
    return new Span(file, start, start + snippet.length());
  }
}
