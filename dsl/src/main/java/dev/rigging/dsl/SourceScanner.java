package dev.rigging.dsl;

import dev.rigging.dsl.ast.Comment;
import dev.rigging.source.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the source text between AST nodes, which the AST does not describe: where the braces are,
 * where lines break, and what a clause the AST dropped looked like.
 */
final class SourceScanner {
  private final SourceFile file;
  private final String text;
  private final Map<Integer, Comment> commentsByStart = new HashMap<>();

  SourceScanner(SourceFile file, List<Comment> comments) {
    this.file = file;
    this.text = file.text();
    comments.forEach(c -> commentsByStart.put(c.span().start(), c));
  }

  /**
   * Returns the offset of the first opening brace at or after {@code from}, past blanks and
   * comments.
   */
  int openBraceAfter(int from) {
    int brace = skipBlanksAndComments(from, text.length());
    if (brace == text.length() || text.charAt(brace) != '{') {
      throw mismatch(brace, "expected `{`");
    }
    return brace;
  }

  /** Returns the offset of the closing brace that ends at {@code end}, checking that it is one. */
  int closeBraceBefore(int end) {
    if (end < 1 || end > text.length() || text.charAt(end - 1) != '}') {
      throw mismatch(Math.max(0, end - 1), "expected `}`");
    }
    return end - 1;
  }

  /**
   * Checks that {@code [from, to)} holds only blanks and comments: text there belongs to no AST
   * node, and printing the AST would silently delete it.
   */
  void requireNoCode(int from, int to) {
    int code = skipBlanksAndComments(from, to);
    if (code < to) {
      throw mismatch(code, "text missing from the AST");
    }
  }

  private int skipBlanksAndComments(int from, int to) {
    int i = from;
    while (i < to) {
      Comment comment = commentsByStart.get(i);
      if (comment != null) {
        i = comment.span().end();
      } else if (isWhitespace(text.charAt(i))) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private IllegalStateException mismatch(int offset, String what) {
    return new IllegalStateException(
        what
            + " at "
            + file.path()
            + ":"
            + file.line(offset)
            + ":"
            + file.column(offset)
            + ": the AST does not match its source; format only files that parse without errors");
  }

  /** Returns the number of line breaks in {@code [from, to)}; CRLF counts once. */
  int lineBreaks(int from, int to) {
    int count = 0;
    for (int i = from; i < to && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        count++;
      }
    }
    return count;
  }

  /** Returns whether {@code [from, to)} holds only spaces and tabs: both ends share a line. */
  boolean onlyBlanks(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Returns whether only spaces and tabs follow {@code from} up to the end of its line. */
  boolean restOfLineBlank(int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the tokens in {@code [from, to)} separated by single spaces, comments left out and
   * commas written {@code a, b}. Only for ranges without strings.
   */
  String tokensIn(int from, int to) {
    StringBuilder out = new StringBuilder();
    int i = from;
    while (i < to) {
      Comment comment = commentsByStart.get(i);
      if (comment != null) {
        out.append(' ');
        i = comment.span().end();
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString()
        .trim()
        .replaceAll("\\s+", " ")
        .replace(" ,", ",")
        .replaceAll(",(?! )", ", ");
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
