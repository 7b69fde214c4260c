package dev.rigging.compiler;

import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Label;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;

/** What every diagnostic must satisfy, whatever the input: located in its file, and well-formed. */
final class DiagnosticStyle {
  private DiagnosticStyle() {}

  /** Returns what is wrong with {@code d}; empty when nothing is. */
  static List<String> violations(Diagnostic d) {
    List<String> out = new ArrayList<>();
    checkSpan(d.span(), "primary span", out);
    for (Label label : d.secondary()) {
      checkSpan(label.span(), "secondary span", out);
    }
    d.fix().ifPresent(fix -> checkSpan(fix.span(), "fix span", out));
    String m = d.message();
    if (m.isBlank()) {
      out.add("empty message");
    } else {
      if (m.endsWith(".")
          && !m.endsWith("...")) { // an ellipsis shortens a list; it ends no sentence
        out.add("message ends with a period: " + m);
      }
      // Lower case, except for a leading acronym such as "HTTP status ...".
      String firstWord = m.split("[ `]", 2)[0];
      if (Character.isUpperCase(m.charAt(0))
          && !firstWord.equals(firstWord.toUpperCase(java.util.Locale.ROOT))) {
        out.add("message starts with a capital: " + m);
      }
    }
    return out;
  }

  private static void checkSpan(Span span, String what, List<String> out) {
    int length = span.file().text().length();
    if (span.start() < 0 || span.end() < span.start() || span.end() > length) {
      out.add(
          what
              + " ["
              + span.start()
              + ", "
              + span.end()
              + ") outside "
              + span.file().path()
              + " of length "
              + length);
    }
  }
}
