package dev.rigging.dsl;

import java.util.List;

/**
 * The formatter's picture of a file before comments go in: lines and braced blocks, each tied to
 * the source range it came from so that comments can be placed relative to it.
 */
sealed interface Layout {
  /** Offset of the first source character this piece covers. */
  int start();

  /** Offset just past the last source character this piece covers. */
  int end();

  /**
   * Offset where the head of this piece ends: comments before it but inside the piece cannot stay
   * where they were (mid-line), so they move above the piece.
   */
  int headEnd();

  /** One output line, such as {@code port 8091 http} or {@code labels { version: "v1" }}. */
  record Line(String text, int start, int end) implements Layout {
    @Override
    public int headEnd() {
      return end;
    }
  }

  /**
   * The header and an opening brace, the children one per line, then the closing brace; {@code
   * open} and {@code close} are the offsets of the two braces in the source. A {@code compact}
   * block with a single one-line child and no comments inside prints on one line, {@code match path
   * exact "/a" { to v1 }}: rules read best that way.
   */
  record Block(
      String header, int start, int open, List<Layout> children, int close, boolean compact)
      implements Layout {
    public Block {
      children = List.copyOf(children);
    }

    @Override
    public int end() {
      return close + 1;
    }

    @Override
    public int headEnd() {
      return open;
    }
  }

  /** How a piece is separated from what comes before it. */
  enum Spacing {
    /** Never a blank line: the first piece in a block. */
    NONE,
    /** Always one blank line: between top-level sections and declarations. */
    BLANK,
    /** One blank line if the source had at least one, so users can group items. */
    PRESERVE
  }

  /** A top-level piece with its spacing. */
  record Spaced(Layout layout, Spacing before) {}
}
