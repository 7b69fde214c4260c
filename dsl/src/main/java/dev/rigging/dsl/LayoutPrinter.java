package dev.rigging.dsl;

import dev.rigging.dsl.Layout.Block;
import dev.rigging.dsl.Layout.Line;
import dev.rigging.dsl.Layout.Spaced;
import dev.rigging.dsl.Layout.Spacing;
import dev.rigging.dsl.ast.Comment;
import java.util.List;

/**
 * Prints a {@link Layout} with two-space indentation, putting each comment back next to the code it
 * was next to and keeping at most one blank line wherever the source had some.
 */
final class LayoutPrinter {
  private static final String INDENT = "  ";
  // A source offset no comment follows on its line: the line gets no trailing comments.
  private static final int NOTHING_TRAILS = -1;

  private final SourceScanner source;
  private final CommentPlacer comments;
  private final StringBuilder out = new StringBuilder();
  // Source offset just past the last thing printed: blank lines are counted from there.
  private int lastEnd;

  LayoutPrinter(SourceScanner source, CommentPlacer comments) {
    this.source = source;
    this.comments = comments;
  }

  /** Prints the top-level pieces of a file, then the comments after the last of them. */
  String print(List<Spaced> pieces) {
    for (Spaced piece : pieces) {
      piece(piece.layout(), 0, piece.before());
    }
    ownLines(comments.takeRest(), 0, Spacing.PRESERVE);
    return out.toString();
  }

  private void piece(Layout layout, int depth, Spacing before) {
    Spacing spacing = ownLines(comments.takeBefore(layout.start()), depth, before);
    separate(layout.start(), spacing);
    // Comments inside a head that is printed on one line go above it, in their order.
    for (Comment c : comments.takeBefore(layout.headEnd())) {
      ownLine(c, depth);
    }
    switch (layout) {
      case Line line -> line(depth, line.text(), line.end());
      case Block block -> block(block, depth);
    }
  }

  private void block(Block block, int depth) {
    boolean commentsInside = comments.anyBefore(block.close());
    if (block.children().isEmpty() && !commentsInside) {
      line(depth, block.header() + " {}", block.end());
      return;
    }
    if (block.compact()
        && !commentsInside
        && block.children().size() == 1
        && block.children().getFirst() instanceof Line only) {
      line(depth, block.header() + " { " + only.text() + " }", block.end());
      return;
    }
    line(depth, block.header() + " {", headerCommentsFrom(block, commentsInside));
    Spacing spacing = Spacing.NONE;
    for (Layout child : block.children()) {
      piece(child, depth + 1, spacing);
      spacing = Spacing.PRESERVE;
    }
    ownLines(comments.takeBefore(block.close()), depth + 1, spacing);
    line(depth, "}", block.end());
  }

  /**
   * Returns where the comments to print after the header's brace start. A block written on one
   * source line, like {@code default { to v1 } // why}, is spread over several, and a comment after
   * it is about the whole block: it goes on the header line rather than after the closing brace. A
   * comment after the opening brace of an empty block goes inside it.
   */
  private int headerCommentsFrom(Block block, boolean commentsInside) {
    if (block.children().isEmpty()) {
      return NOTHING_TRAILS;
    }
    boolean writtenOnOneLine = source.lineBreaks(block.open(), block.close()) == 0;
    return writtenOnOneLine && !commentsInside ? block.end() : block.open() + 1;
  }

  /** Prints comments on lines of their own; returns the spacing for whatever follows. */
  private Spacing ownLines(List<Comment> taken, int depth, Spacing before) {
    Spacing spacing = before;
    for (Comment c : taken) {
      separate(c.span().start(), spacing);
      ownLine(c, depth);
      spacing = Spacing.PRESERVE;
    }
    return spacing;
  }

  private void ownLine(Comment comment, int depth) {
    out.append(INDENT.repeat(depth)).append(CommentPlacer.clean(comment)).append('\n');
    advance(comment.span().end());
  }

  /** Prints one line of code, followed by the comments that followed its source on that line. */
  private void line(int depth, String text, int sourceEnd) {
    out.append(INDENT.repeat(depth)).append(text);
    if (sourceEnd != NOTHING_TRAILS) {
      advance(sourceEnd);
      for (Comment c : comments.takeTrailing(sourceEnd)) {
        out.append(' ').append(CommentPlacer.clean(c));
        advance(c.span().end());
      }
    }
    out.append('\n');
  }

  // Comments can be printed ahead of code that precedes them in the source (a header line
  // takes the comment after its block); blank lines are still counted from the furthest point.
  private void advance(int sourceOffset) {
    lastEnd = Math.max(lastEnd, sourceOffset);
  }

  private void separate(int nextStart, Spacing spacing) {
    boolean blank =
        switch (spacing) {
          case NONE -> false;
          case BLANK -> true;
          case PRESERVE -> source.lineBreaks(lastEnd, nextStart) > 1;
        };
    if (blank) {
      out.append('\n');
    }
  }
}
