package dev.rigging.dsl;

import dev.rigging.dsl.ast.Comment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hands out a file's comments in source order, each exactly once, as the printer walks the file:
 * whatever it has not placed by the time it passes an offset goes out there, so no comment is lost
 * and none changes order.
 */
final class CommentPlacer {
  private final List<Comment> comments;
  private final SourceScanner source;
  private int next;

  CommentPlacer(List<Comment> comments, SourceScanner source) {
    this.comments =
        comments.stream().sorted(Comparator.comparingInt((Comment c) -> c.span().start())).toList();
    this.source = source;
  }

  /** Returns whether a comment not yet placed starts before {@code offset}. */
  boolean anyBefore(int offset) {
    return next < comments.size() && comments.get(next).span().start() < offset;
  }

  /** Takes the comments not yet placed that start before {@code offset}. */
  List<Comment> takeBefore(int offset) {
    List<Comment> taken = new ArrayList<>();
    while (anyBefore(offset)) {
      taken.add(comments.get(next++));
    }
    return taken;
  }

  /**
   * Takes the comments that end the source line at {@code lineEnd}: they follow it with only blanks
   * between, and nothing but blanks follows them. They stay at the end of the output line printed
   * for that source. Comments followed by more code on their line are left for that code, such as a
   * block comment between one rule's closing brace and the next rule.
   */
  List<Comment> takeTrailing(int lineEnd) {
    int from = lineEnd;
    int last = next;
    while (last < comments.size()) {
      Comment c = comments.get(last);
      if (c.span().start() < from || !source.onlyBlanks(from, c.span().start())) {
        break;
      }
      from = c.span().end();
      last++;
    }
    if (last == next || !source.restOfLineBlank(from)) {
      return List.of();
    }
    List<Comment> taken = comments.subList(next, last);
    next = last;
    return taken;
  }

  /** Takes every comment not yet placed: those after the last declaration. */
  List<Comment> takeRest() {
    return takeBefore(Integer.MAX_VALUE);
  }

  /**
   * Returns the comment as printed: line endings made {@code \n} and trailing blanks removed from
   * each of its lines, so the output has neither CRs nor trailing whitespace.
   */
  static String clean(Comment comment) {
    return comment.text().replaceAll("[ \\t]*(\\r\\n|\\r|\\n)", "\n").stripTrailing();
  }
}
