package dev.rigging.source;

import java.util.Arrays;

/**
 * One input file: its display path, its text, and a line table built once so that offsets stored on
 * nodes turn into line:column only when a diagnostic is rendered.
 */
public final class SourceFile {
  private final String path;
  private final String text;
  private final int[] lineStarts;

  private SourceFile(String path, String text) {
    this.path = path;
    this.text = text;
    this.lineStarts = computeLineStarts(text);
  }

  /** Returns a source file for {@code text}, displayed as {@code path} in diagnostics. */
  public static SourceFile of(String path, String text) {
    return new SourceFile(path, text);
  }

  public String path() {
    return path;
  }

  public String text() {
    return text;
  }

  /** Returns the 1-based line containing {@code offset}. */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** Returns the 1-based column of {@code offset}, counted in characters. */
  public int column(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    return clamped - lineStarts[line(clamped) - 1] + 1;
  }

  /** Returns the text of 1-based {@code line} without its line terminator. */
  public String lineText(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  public int lineCount() {
    return lineStarts.length;
  }

  private static int[] computeLineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[line++] = i + 1;
      }
    }
    return starts;
  }

  @Override
  public String toString() {
    return path;
  }
}
