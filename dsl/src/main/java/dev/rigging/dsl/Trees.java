package dev.rigging.dsl;

import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.gen.MeshParser.NameContext;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Span and literal helpers for the AST builders. After error recovery a context may lack children;
 * every helper returns null for a missing piece, and callers drop the node: the syntax error has
 * already been reported.
 */
final class Trees {
  private final SourceFile file;

  Trees(SourceFile file) {
    this.file = file;
  }

  SourceFile file() {
    return file;
  }

  Span span(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop();
    int from =
        start == null || start.getType() == Token.EOF
            ? file.text().length()
            : start.getStartIndex();
    int to =
        stop == null || stop.getType() == Token.EOF || stop.getStopIndex() < from
            ? from
            : stop.getStopIndex() + 1;
    return new Span(file, from, to);
  }

  Span span(Token token) {
    return new Span(file, token.getStartIndex(), token.getStopIndex() + 1);
  }

  /** Returns whether the context was fully parsed (no error inside it). */
  static boolean complete(ParserRuleContext ctx) {
    return ctx != null && ctx.exception == null && !hasMissing(ctx);
  }

  private static boolean hasMissing(ParserRuleContext ctx) {
    for (int i = 0; i < ctx.getChildCount(); i++) {
      var child = ctx.getChild(i);
      if (child instanceof org.antlr.v4.runtime.tree.ErrorNode) {
        return true;
      }
      if (child instanceof TerminalNode t && t.getSymbol().getTokenIndex() < 0) {
        return true; // a token conjured up by single-token insertion
      }
      if (child instanceof ParserRuleContext p && !complete(p)) {
        return true;
      }
    }
    return false;
  }

  Name name(NameContext ctx) {
    if (ctx == null || !complete(ctx)) {
      return null;
    }
    return new Name(ctx.getText(), span(ctx));
  }

  Literal literal(TerminalNode node, Literal.Kind kind) {
    if (node == null || node.getSymbol().getTokenIndex() < 0) {
      return null;
    }
    return literal(node.getSymbol(), kind);
  }

  Literal literal(Token token, Literal.Kind kind) {
    if (token == null || token.getTokenIndex() < 0) {
      return null;
    }
    String text = kind == Literal.Kind.STRING ? unquote(token.getText()) : token.getText();
    return new Literal(kind, text, span(token));
  }

  Literal string(TerminalNode node) {
    return literal(node, Literal.Kind.STRING);
  }

  /**
   * Removes the quotes and resolves {@code \"}, {@code \\}, {@code \n}, {@code \t} and {@code \r}.
   * Any other backslash is kept, so regexes like {@code "\d+"} read naturally.
   */
  static String unquote(String quoted) {
    String body = quoted.substring(1, quoted.length() - 1);
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 == body.length()) {
        out.append(c);
        continue;
      }
      char next = body.charAt(++i);
      switch (next) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        default -> out.append('\\').append(next);
      }
    }
    return out.toString();
  }
}
