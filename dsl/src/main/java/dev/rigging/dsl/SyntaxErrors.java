package dev.rigging.dsl;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.diag.Suggest;
import dev.rigging.dsl.gen.MeshLexer;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.util.Optional;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (single-token insertion and deletion, then resynchronisation) with our own
 * reporting: every report becomes a located {@link Diagnostic} with the expected tokens in words
 * and a keyword suggestion, instead of ANTLR's console message. Reports stop after {@code limit} so
 * a hopeless file cannot flood the output.
 */
final class SyntaxErrors extends DefaultErrorStrategy {
  private final SourceFile file;
  private final Diagnostics sink;
  private final int limit;
  private int reported;

  SyntaxErrors(SourceFile file, Diagnostics sink, int limit) {
    this.file = file;
    this.sink = sink;
    this.limit = limit;
  }

  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    report(e.getOffendingToken(), e.getExpectedTokens(), "");
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    report(e.getOffendingToken(), e.getExpectedTokens(), "");
  }

  @Override
  protected void reportFailedPredicate(
      Parser recognizer, org.antlr.v4.runtime.FailedPredicateException e) {
    report(e.getOffendingToken(), e.getExpectedTokens(), "");
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    report(recognizer.getCurrentToken(), getExpectedTokens(recognizer), "");
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    IntervalSet expected = getExpectedTokens(recognizer);
    Token previous = recognizer.getInputStream().LT(-1);
    Token at = recognizer.getCurrentToken();
    // Point just after the previous token: that is where the missing token belongs.
    Span span =
        previous != null && previous.getType() != Token.EOF
            ? new Span(file, previous.getStopIndex() + 1, previous.getStopIndex() + 1)
            : tokenSpan(at);
    emit(
        Diagnostic.error(
                Code.SYNTAX_ERROR,
                span,
                "missing " + TokenNames.describe(expected) + " before " + shown(at))
            .label("expected " + TokenNames.describe(expected)));
  }

  @Override
  public void reportError(Parser recognizer, RecognitionException e) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    if (e instanceof NoViableAltException n) {
      reportNoViableAlternative(recognizer, n);
    } else if (e instanceof InputMismatchException m) {
      reportInputMismatch(recognizer, m);
    } else {
      report(e.getOffendingToken(), e.getExpectedTokens(), "");
    }
  }

  private void report(Token offending, IntervalSet expected, String extra) {
    String wanted = TokenNames.describe(expected);
    Diagnostic.Builder d =
        Diagnostic.error(
                Code.SYNTAX_ERROR,
                tokenSpan(offending),
                "unexpected " + shown(offending) + ", expected " + wanted)
            .label(wanted.length() <= 40 ? "expected " + wanted : "unexpected here");
    // A misspelt word gets the nearest expected keyword; a correctly spelt keyword in the
    // wrong place (`default` after a missing `}`) would only get a misleading guess.
    if (offending.getType() == MeshLexer.IDENT) {
      Optional<String> keyword =
          Suggest.nearest(offending.getText(), TokenNames.keywords(expected));
      d.suggest(keyword);
    }
    if (!extra.isEmpty()) {
      d.note(extra);
    }
    emit(d);
  }

  private void emit(Diagnostic.Builder d) {
    reported++;
    if (reported <= limit) {
      sink.add(d);
    } else if (reported == limit + 1) {
      sink.add(
          Diagnostic.error(
                  Code.INPUT_LIMIT,
                  d.build().span(),
                  "too many syntax errors; giving up on this file")
              .note("fix the errors above first; later ones are often caused by them"));
    }
  }

  /** Returns how many syntax errors were reported. */
  int count() {
    return reported;
  }

  private static String shown(Token token) {
    if (token.getType() == Token.EOF) {
      return "end of file";
    }
    String text = token.getText();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "`" + text + "`";
  }

  private Span tokenSpan(Token token) {
    if (token.getType() == Token.EOF) {
      int end = file.text().length();
      return new Span(file, end, end);
    }
    return new Span(file, token.getStartIndex(), token.getStopIndex() + 1);
  }
}
