package dev.rigging.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small edits of a valid or broken policy, the kind a hurried edit or a bad merge makes: lines
 * deleted, duplicated or swapped; characters and tokens deleted, inserted or replaced; the file cut
 * short. Most mutants get only edits that keep the syntax intact (a value swapped for another of
 * its kind, a name for another name of the file, a whole item line copied or dropped): those get
 * past the parser and into the checker, which a syntax error stops short of.
 */
final class Mutator {
  private static final Pattern TOKEN =
      Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|[^\\s{},:]+|[{},:]");
  private static final Pattern WORD =
      Pattern.compile("(?<![\\w.\"-])[a-zA-Z_][a-zA-Z0-9_-]*(?![\\w\"-])");

  /** Values by kind, edge cases included; a literal is replaced by one of its own kind. */
  private static final List<Map.Entry<Pattern, List<String>>> VALUES =
      List.of(
          Map.entry(
              Pattern.compile("(?<![\\w.])[0-9]+(?:\\.[0-9]+)?%"),
              List.of("0%", "100%", "50%", "100.0001%", "12.34567%", "99999999999%", "0.0001%")),
          Map.entry(
              Pattern.compile("(?<![\\w.])[0-9]+(?:\\.[0-9]+)?(?:ms|s|m|h)(?![\\w])"),
              List.of("0s", "1ms", "0.5ms", "99999999h", "1.5s", "5sec", "1h")),
          Map.entry(
              Pattern.compile("(?<![\\w.:\\[])[0-9]+(?![\\w.%:])"),
              List.of(
                  "0",
                  "1",
                  "80",
                  "443",
                  "503",
                  "600",
                  "8080",
                  "65535",
                  "65536",
                  "99999999999999999999")),
          Map.entry(
              Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\""),
              List.of(
                  "\"\"",
                  "\"/\"",
                  "\"*\"",
                  "\"/a/*/b\"",
                  "\"(?=x)\"",
                  "\"x y\"",
                  "\":path\"",
                  "\"https://x.example\"",
                  "\"127.0.0.1:1\"",
                  "\"[::1]:80\"",
                  "\"/api/\"")));

  private final Random random;

  Mutator(long seed) {
    this.random = new Random(seed);
  }

  /** Returns {@code text} with one to three random edits. */
  String mutate(String text) {
    boolean keepSyntax = random.nextInt(5) < 3;
    String out = text;
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      out = keepSyntax || random.nextBoolean() ? syntaxPreservingEdit(out) : anyEdit(out);
    }
    return out;
  }

  private String syntaxPreservingEdit(String text) {
    return switch (random.nextInt(4)) {
      case 0 -> replaceValue(text);
      case 1 -> replaceName(text);
      case 2 -> balancedLine(text, true);
      default -> balancedLine(text, false);
    };
  }

  private String anyEdit(String text) {
    return switch (random.nextInt(11)) {
      case 0 -> deleteLine(text);
      case 1 -> duplicateLine(text);
      case 2 -> swapLines(text);
      case 3 -> deleteChars(text);
      case 4 -> insert(text, randomChar());
      case 5 -> replaceChar(text);
      case 6 -> insert(text, " " + pool() + " ");
      case 7 -> replaceToken(text, pool());
      case 8 -> replaceToken(text, "");
      case 9 -> swapTokens(text);
      default -> text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
    };
  }

  /** Replaces a number, percentage, duration or string with another value of the same kind. */
  private String replaceValue(String text) {
    var kind = VALUES.get(random.nextInt(VALUES.size()));
    List<int[]> found = matches(kind.getKey(), text);
    if (found.isEmpty()) {
      return text;
    }
    int[] at = found.get(random.nextInt(found.size()));
    return text.substring(0, at[0])
        + kind.getValue().get(random.nextInt(kind.getValue().size()))
        + text.substring(at[1]);
  }

  /**
   * Replaces a word with another word of the same file: dangling, duplicate and ambiguous names.
   */
  private String replaceName(String text) {
    List<int[]> words = matches(WORD, text);
    // Keywords stay: swapping one out is a syntax error, which the other edits make plenty of.
    List<int[]> names =
        words.stream()
            .filter(w -> !TokenSoup.KEYWORDS.contains(text.substring(w[0], w[1])))
            .toList();
    if (names.isEmpty() || words.size() < 2) {
      return text;
    }
    int[] at = names.get(random.nextInt(names.size()));
    int[] other = words.get(random.nextInt(words.size()));
    return text.substring(0, at[0]) + text.substring(other[0], other[1]) + text.substring(at[1]);
  }

  /** Drops or copies one line whose braces balance, such as a whole item or a one-line rule. */
  private String balancedLine(String text, boolean copy) {
    List<String> lines = lines(text);
    List<Integer> balanced = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.isBlank()
          && l.chars().filter(c -> c == '{').count() == l.chars().filter(c -> c == '}').count()) {
        balanced.add(i);
      }
    }
    if (balanced.isEmpty()) {
      return text;
    }
    int i = balanced.get(random.nextInt(balanced.size()));
    if (copy) {
      lines.add(balanced.get(random.nextInt(balanced.size())), lines.get(i));
    } else {
      lines.remove(i);
    }
    return String.join("\n", lines);
  }

  private static List<int[]> matches(Pattern pattern, String text) {
    List<int[]> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(new int[] {m.start(), m.end()});
    }
    return out;
  }

  private String deleteLine(String text) {
    List<String> lines = lines(text);
    if (!lines.isEmpty()) {
      lines.remove(random.nextInt(lines.size()));
    }
    return String.join("\n", lines);
  }

  private String duplicateLine(String text) {
    List<String> lines = lines(text);
    if (!lines.isEmpty()) {
      int i = random.nextInt(lines.size());
      lines.add(random.nextInt(lines.size() + 1), lines.get(i));
    }
    return String.join("\n", lines);
  }

  private String swapLines(String text) {
    List<String> lines = lines(text);
    if (lines.size() > 1) {
      java.util.Collections.swap(lines, random.nextInt(lines.size()), random.nextInt(lines.size()));
    }
    return String.join("\n", lines);
  }

  private String deleteChars(String text) {
    if (text.isEmpty()) {
      return text;
    }
    int from = random.nextInt(text.length());
    int to = Math.min(text.length(), from + 1 + random.nextInt(8));
    return text.substring(0, from) + text.substring(to);
  }

  private String insert(String text, String piece) {
    int at = random.nextInt(text.length() + 1);
    return text.substring(0, at) + piece + text.substring(at);
  }

  private String replaceChar(String text) {
    if (text.isEmpty()) {
      return text;
    }
    int at = random.nextInt(text.length());
    return text.substring(0, at) + randomChar() + text.substring(at + 1);
  }

  private String replaceToken(String text, String replacement) {
    List<int[]> tokens = tokens(text);
    if (tokens.isEmpty()) {
      return text;
    }
    int[] t = tokens.get(random.nextInt(tokens.size()));
    return text.substring(0, t[0]) + replacement + text.substring(t[1]);
  }

  private String swapTokens(String text) {
    List<int[]> tokens = tokens(text);
    if (tokens.size() < 2) {
      return text;
    }
    int i = random.nextInt(tokens.size() - 1);
    int[] a = tokens.get(i);
    int[] b = tokens.get(i + 1);
    return text.substring(0, a[0])
        + text.substring(b[0], b[1])
        + text.substring(a[1], b[0])
        + text.substring(a[0], a[1])
        + text.substring(b[1]);
  }

  private String pool() {
    return random.nextBoolean()
        ? TokenSoup.KEYWORDS.get(random.nextInt(TokenSoup.KEYWORDS.size()))
        : TokenSoup.PIECES.get(random.nextInt(TokenSoup.PIECES.size()));
  }

  private String randomChar() {
    String chars = "{}\",:.%#/*\\\n\t 0a9_-@;=[]\u00e9\u202e\u0000";
    return random.nextInt(10) == 0
        ? new String(Character.toChars(0x1F300 + random.nextInt(0x100)))
        : String.valueOf(chars.charAt(random.nextInt(chars.length())));
  }

  private static List<String> lines(String text) {
    return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
  }

  private static List<int[]> tokens(String text) {
    return matches(TOKEN, text);
  }
}
