package dev.rigging.diag;

import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One problem found in the input, as a value: a severity, a stable code, a primary labelled span,
 * secondary spans ("first declared here"), notes, help lines and an optional fix.
 */
public record Diagnostic(
    Severity severity,
    Code code,
    String message,
    Label primary,
    List<Label> secondary,
    List<String> notes,
    List<String> help,
    Optional<Fix> fix) {

  /** Orders by file, then position, then code, so output is stable. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.primary().span())
          .thenComparing(d -> d.code().id())
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    secondary = List.copyOf(secondary);
    notes = List.copyOf(notes);
    help = List.copyOf(help);
  }

  public Span span() {
    return primary.span();
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public static Builder error(Code code, Span span, String message) {
    return new Builder(Severity.ERROR, code, span, message);
  }

  public static Builder warning(Code code, Span span, String message) {
    return new Builder(Severity.WARNING, code, span, message);
  }

  /** Builds a diagnostic; {@code label} defaults to empty. */
  public static final class Builder {
    private final Severity severity;
    private final Code code;
    private final Span span;
    private final String message;
    private String label = "";
    private final List<Label> secondary = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> help = new ArrayList<>();
    private Fix fix;

    private Builder(Severity severity, Code code, Span span, String message) {
      this.severity = severity;
      this.code = code;
      this.span = span;
      this.message = message;
    }

    public Builder label(String text) {
      this.label = text;
      return this;
    }

    public Builder secondary(Span span, String text) {
      secondary.add(new Label(span, text));
      return this;
    }

    public Builder note(String text) {
      notes.add(text);
      return this;
    }

    public Builder help(String text) {
      help.add(text);
      return this;
    }

    /** Adds "did you mean" help and a fix replacing the span, when a suggestion exists. */
    public Builder suggest(Optional<String> suggestion) {
      suggestion.ifPresent(
          s -> {
            help.add("did you mean `" + s + "`?");
            fix = new Fix(span, s);
          });
      return this;
    }

    public Builder fix(Fix edit) {
      this.fix = edit;
      return this;
    }

    public Diagnostic build() {
      return new Diagnostic(
          severity,
          code,
          message,
          new Label(span, label),
          secondary,
          notes,
          help,
          Optional.ofNullable(fix));
    }
  }
}
