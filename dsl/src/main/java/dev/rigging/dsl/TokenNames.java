package dev.rigging.dsl;

import dev.rigging.dsl.gen.MeshLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns ANTLR token types into the words a user would recognise in "expected ..." lists. */
final class TokenNames {
  private static final Vocabulary VOCABULARY = MeshLexer.VOCABULARY;

  private TokenNames() {}

  /** Returns whether {@code type} is a keyword such as {@code service}. */
  static boolean isKeyword(int type) {
    String literal = VOCABULARY.getLiteralName(type);
    return literal != null && Character.isLetter(literal.charAt(1));
  }

  /** Returns the keyword text of {@code type}, e.g. {@code split}. */
  static String keyword(int type) {
    String literal = VOCABULARY.getLiteralName(type);
    return literal.substring(1, literal.length() - 1);
  }

  /** Returns "a name", "`{`", "`split`"... for one token type. */
  static String describe(int type) {
    return switch (type) {
      case MeshLexer.IDENT -> "a name";
      case MeshLexer.INT -> "a number";
      case MeshLexer.DECIMAL -> "a decimal number";
      case MeshLexer.PERCENT -> "a percentage";
      case MeshLexer.UNIT_NUMBER -> "a duration";
      case MeshLexer.STRING -> "a string";
      case MeshLexer.IPV4_ADDRESS, MeshLexer.IPV6_ADDRESS -> "an address";
      case org.antlr.v4.runtime.Token.EOF -> "end of file";
      default -> {
        String literal = VOCABULARY.getLiteralName(type);
        yield literal == null
            ? VOCABULARY.getSymbolicName(type)
            : "`" + literal.substring(1, literal.length() - 1) + "`";
      }
    };
  }

  /**
   * Describes an expected set. Where any name is allowed, the keywords that may also serve as names
   * are folded into "a name" rather than listed one by one.
   */
  static String describe(IntervalSet expected) {
    List<Integer> types = expected.toList();
    boolean nameAllowed = types.contains(MeshLexer.IDENT);
    TreeSet<String> words = new TreeSet<>();
    List<String> others = new ArrayList<>();
    for (int type : types) {
      if (nameAllowed && isKeyword(type)) {
        continue;
      }
      if (isKeyword(type)) {
        words.add("`" + keyword(type) + "`");
      } else {
        String d = describe(type);
        if (!others.contains(d)) {
          others.add(d);
        }
      }
    }
    List<String> all = new ArrayList<>(words);
    all.addAll(others);
    if (all.isEmpty()) {
      return "something else";
    }
    if (all.size() == 1) {
      return all.getFirst();
    }
    if (all.size() > 12) {
      return String.join(", ", all.subList(0, 12)) + ", ...";
    }
    return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.getLast();
  }

  /** Returns the keywords in {@code expected}, for "did you mean". */
  static List<String> keywords(IntervalSet expected) {
    return expected.toList().stream()
        .filter(TokenNames::isKeyword)
        .map(TokenNames::keyword)
        .toList();
  }
}
