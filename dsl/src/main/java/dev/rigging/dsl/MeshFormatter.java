package dev.rigging.dsl;

import dev.rigging.dsl.ast.MeshFile;

/**
 * The canonical text of a {@code .mesh} file, as {@code rig fmt} writes it. There is one format and
 * no options: two-space indentation, one item per line, one blank line between declarations, braces
 * on the line of their header, and comments kept where they were.
 *
 * <p>The output parses to the same AST (apart from source positions) with the same comments in the
 * same order, and formatting it again changes nothing.
 */
public final class MeshFormatter {
  private MeshFormatter() {}

  /**
   * Returns the canonical text of {@code file}, ending with one line break.
   *
   * <p>Only format a file that parsed without errors: check {@link ParseResult#hasErrors()} first.
   * After a syntax error the parser recovers by leaving out what it could not read, so the AST no
   * longer holds everything in the source, and formatting it would delete that text.
   *
   * @throws IllegalStateException if source text between the AST's items and declarations is
   *     missing from the AST, which formatting would delete; this is a safety net that looks only
   *     between items, not a substitute for checking for errors
   */
  public static String format(MeshFile file) {
    SourceScanner source = new SourceScanner(file.source(), file.comments());
    CommentPlacer comments = new CommentPlacer(file.comments(), source);
    return new LayoutPrinter(source, comments).print(new LayoutBuilder(source).file(file));
  }
}
