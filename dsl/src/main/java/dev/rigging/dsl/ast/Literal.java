package dev.rigging.dsl.ast;

import dev.rigging.source.Span;

/**
 * A literal token kept as text: the checker, not the parser, gives numbers, durations and
 * percentages their meaning, so `5sec` becomes a located "malformed duration" rather than a syntax
 * error. For {@link Kind#STRING} the text is the unescaped value.
 */
public record Literal(Kind kind, String text, Span span) {
  /** What the lexer saw. */
  public enum Kind {
    INT,
    DECIMAL,
    PERCENT,
    /** A number followed by letters: `500ms`, `5s`, `5xx`. */
    UNIT_NUMBER,
    STRING,
    WORD,
    /** `127.0.0.1:9101` or `[::1]:9101`. */
    ADDRESS
  }
}
