package dev.rigging.dsl;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.ast.Comment;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.MeshFile;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.gen.MeshLexer;
import dev.rigging.dsl.gen.MeshParser.FileContext;
import dev.rigging.dsl.gen.MeshParser.ImportDeclContext;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parses `.mesh` text into the AST. ANTLR stays behind this class: lexer problems become
 * diagnostics and are taken out of the token stream, syntax errors are recovered from so one pass
 * reports several, and input size and error counts are capped. Never throws on bad input.
 */
public final class MeshParser {
  private final Options options;

  /** Limits that keep a hostile or broken input from costing unbounded time. */
  public record Options(int maxFileChars, int maxSyntaxErrors) {
    public static final Options DEFAULTS = new Options(16 * 1024 * 1024, 25);
  }

  /**
   * The deepest `{` nesting parsed. Policy blocks nest recursively in the grammar, and ANTLR's
   * recursive descent overflows the stack some thousands of levels down; real policies nest a
   * handful of levels (service, version, policy, outlier).
   */
  static final int MAX_NESTING = 64;

  public MeshParser() {
    this(Options.DEFAULTS);
  }

  public MeshParser(Options options) {
    this.options = options;
  }

  /** Parses one file. */
  public ParseResult parse(SourceFile file) {
    Diagnostics diagnostics = new Diagnostics();
    if (file.text().length() > options.maxFileChars()) {
      diagnostics.add(
          Diagnostic.error(
                  Code.INPUT_LIMIT,
                  new Span(file, 0, 0),
                  "file is larger than " + options.maxFileChars() / (1024 * 1024) + " MiB")
              .note("split the mesh across files with `import`"));
      return new ParseResult(Optional.empty(), diagnostics.sorted());
    }
    MeshLexer lexer = new MeshLexer(CharStreams.fromString(file.text(), file.path()));
    lexer.removeErrorListeners();
    List<Token> tokens = new ArrayList<>();
    List<Comment> comments = new ArrayList<>();
    int depth = 0;
    Token tooDeep = null;
    for (Token token = lexer.nextToken(); ; token = lexer.nextToken()) {
      if (token.getType() == MeshLexer.LBRACE && ++depth > MAX_NESTING && tooDeep == null) {
        tooDeep = token;
      } else if (token.getType() == MeshLexer.RBRACE && depth > 0) {
        depth--;
      }
      switch (token.getType()) {
        case MeshLexer.ERROR_CHAR ->
            diagnostics.add(
                Diagnostic.error(
                        Code.UNEXPECTED_CHARACTER,
                        span(file, token),
                        "unexpected character `" + token.getText() + "`")
                    .label("not part of the language"));
        case MeshLexer.UNTERMINATED_STRING -> {
          diagnostics.add(
              Diagnostic.error(Code.UNTERMINATED_STRING, span(file, token), "unterminated string")
                  .label("this string has no closing `\"`")
                  .help("strings end on the line they start on; close it with `\"`"));
          // Parse on as if the string were closed at the end of the line: fewer cascades.
          CommonToken closed = new CommonToken(token);
          closed.setType(MeshLexer.STRING);
          closed.setText(token.getText() + "\"");
          tokens.add(closed);
        }
        case MeshLexer.LINE_COMMENT, MeshLexer.BLOCK_COMMENT ->
            comments.add(new Comment(token.getText(), span(file, token)));
        case MeshLexer.WS -> {}
        default -> tokens.add(token);
      }
      if (token.getType() == Token.EOF) {
        break;
      }
    }
    if (tooDeep != null) {
      diagnostics.add(
          Diagnostic.error(
                  Code.INPUT_LIMIT,
                  span(file, tooDeep),
                  "braces nested more than " + MAX_NESTING + " levels deep")
              .label("too deep")
              .note("no .mesh construct nests more than a few levels; look for unclosed `{`"));
      return new ParseResult(Optional.empty(), diagnostics.sorted());
    }
    var parser =
        new dev.rigging.dsl.gen.MeshParser(new CommonTokenStream(new ListTokenSource(tokens)));
    parser.removeErrorListeners();
    SyntaxErrors errors = new SyntaxErrors(file, diagnostics, options.maxSyntaxErrors());
    parser.setErrorHandler(errors);
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    FileContext tree = parser.file();
    return new ParseResult(Optional.ofNullable(build(file, tree, comments)), diagnostics.sorted());
  }

  private static MeshFile build(SourceFile file, FileContext tree, List<Comment> comments) {
    Trees t = new Trees(file);
    if (tree.meshHeader() == null) {
      return null;
    }
    Name mesh = t.name(tree.meshHeader().name());
    if (mesh == null) {
      return null;
    }
    List<MeshFile.Import> imports = new ArrayList<>();
    for (ImportDeclContext i : tree.importDecl()) {
      Literal path = t.string(i.STRING());
      if (path != null) {
        imports.add(new MeshFile.Import(path, t.span(i)));
      }
    }
    DeclBuilder builder = new DeclBuilder(t);
    List<Decl> decls = tree.decl().stream().map(builder::decl).filter(Objects::nonNull).toList();
    return new MeshFile(file, mesh, t.span(tree.meshHeader()), imports, decls, comments);
  }

  private static Span span(SourceFile file, Token token) {
    return new Span(file, token.getStartIndex(), token.getStopIndex() + 1);
  }
}
