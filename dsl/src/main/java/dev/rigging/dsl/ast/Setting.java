package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;

/** A key/value entry of a {@code policy} block; keys are checked by the compiler. */
public sealed interface Setting {
  Name key();

  Span span();

  /** {@code max_connections 1}. */
  record Value(Name key, Literal value, Span span) implements Setting {}

  /** {@code outlier { consecutive_5xx 1 ... }}. */
  record Block(Name key, List<Setting> settings, Span span) implements Setting {
    public Block {
      settings = List.copyOf(settings);
    }
  }
}
