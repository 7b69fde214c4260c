package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.Optional;

/**
 * Where traffic goes: {@code v2} (a version of the routed service), {@code reviews} (a service), or
 * {@code reviews.v2} (a version of another service).
 */
public record Destination(Name first, Optional<Name> second, Span span) {
  /** Returns the destination as written. */
  public String text() {
    return second.map(s -> first.text() + "." + s.text()).orElse(first.text());
  }
}
