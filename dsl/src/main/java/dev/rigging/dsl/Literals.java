package dev.rigging.dsl;

import dev.rigging.dsl.ast.Literal;

/** Literal tokens as the formatter prints them: strings re-quoted, everything else as written. */
final class Literals {
  // Characters after a backslash that the parser reads as an escape, plus those the printer
  // itself escapes: a kept backslash in front of any of these must be doubled.
  private static final String ESCAPE_STARTS = "\"\\ntr\n\t\r";

  private Literals() {}

  /** Returns the literal's source form: a string re-quoted, a number, duration or word verbatim. */
  static String text(Literal literal) {
    return literal.kind() == Literal.Kind.STRING ? quote(literal.text()) : literal.text();
  }

  /**
   * Returns a double-quoted string literal that the parser reads back as exactly {@code value}. A
   * backslash the parser keeps as written (as in {@code "\d+"}) is printed bare, so regexes stay
   * readable; it is doubled only where it would otherwise start an escape.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\\' -> out.append(keptAsWritten(value, i + 1) ? "\\" : "\\\\");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static boolean keptAsWritten(String value, int next) {
    return next < value.length() && ESCAPE_STARTS.indexOf(value.charAt(next)) < 0;
  }
}
