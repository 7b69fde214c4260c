package dev.rigging.source;

import java.util.Comparator;

/**
 * A half-open character range {@code [start, end)} in one source file. Nodes of the AST and the IR
 * carry spans so that any later failure points back at the `.mesh` text.
 */
public record Span(SourceFile file, int start, int end) implements Comparable<Span> {
  private static final Comparator<Span> ORDER =
      Comparator.comparing((Span s) -> s.file().path())
          .thenComparingInt(Span::start)
          .thenComparingInt(Span::end);

  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  /** Returns the smallest span covering both {@code this} and {@code other}. */
  public Span to(Span other) {
    return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
  }

  public int line() {
    return file.line(start);
  }

  public int column() {
    return file.column(start);
  }

  /** Returns {@code path:line:col}. */
  public String location() {
    return file.path() + ":" + line() + ":" + column();
  }

  public String text() {
    return file.text().substring(start, Math.min(end, file.text().length()));
  }

  @Override
  public int compareTo(Span other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return location();
  }
}
