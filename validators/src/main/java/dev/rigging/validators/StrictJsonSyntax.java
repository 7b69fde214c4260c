package dev.rigging.validators;

import dev.rigging.validators.JsonSlices.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict RFC 8259 syntax check, run before protobuf's parser because {@code JsonFormat} reads JSON
 * leniently (comments, single quotes, unquoted keys, trailing garbage are all accepted) while
 * Envoy's C++ parser does not. Also rejects duplicate keys, on which JSON parsers disagree about
 * which value wins. One allocation-free pass; the path is only assembled when something is wrong.
 */
final class StrictJsonSyntax {

  static final int MAX_DEPTH = 512;

  /** Above this many keys in one object, duplicates are found with a hash set instead of a scan. */
  private static final int LINEAR_KEY_LIMIT = 16;

  private final String s;
  private final int n;
  private int pos;
  private int depth;
  // Per nesting level: is it an array, its current element index, the raw range of its current key.
  private boolean[] isArray = new boolean[16];
  private int[] index = new int[16];
  private int[] keyStart = new int[16];
  private int[] keyEnd = new int[16];
  // Per nesting level: the raw ranges of keys seen so far (start, end pairs), for duplicate
  // detection.
  private int[][] seenKeys = new int[16][];
  private int[] seenCount = new int[16];
  private Set<String>[] seenSets = newSetArray(16);

  // Resource arrays, when scanning for them: see scan().
  private final Set<String> paths;
  private final String anyPath;
  private final SyntaxMemo memo;
  private final Map<String, List<Slice>> arrays = new HashMap<>();
  private final List<int[]> checked = new ArrayList<>();
  private int maxDepth;
  private int elementLevel = -1;
  private boolean elementHasTypeKey;

  private StrictJsonSyntax(String json, Set<String> paths, String anyPath, SyntaxMemo memo) {
    this.s = json;
    this.n = json.length();
    this.paths = paths;
    this.anyPath = anyPath;
    this.memo = memo;
  }

  private StrictJsonSyntax(String json) {
    this(json, null, null, null);
  }

  /**
   * The result of {@link #scan}: the first syntax problem, or the elements of the arrays found.
   *
   * @param violation the problem, or {@code null} when the text is well-formed JSON
   * @param arrays when well-formed, the elements of the arrays at the paths asked for, by path, as
   *     {@link JsonSlices#arrays} finds them (a path absent when nothing is there)
   */
  record Scan(Violation violation, Map<String, List<Slice>> arrays) {}

  /**
   * As {@link #check}, also finding the elements of the arrays at {@code paths} (keys from the root
   * object, joined by {@code .}, reached through objects and written without escapes), and taking
   * an element whose text {@code memo} knows as checked without checking it again. Elements of the
   * array at {@code anyPath} are {@code Any}s, looked up by their content. The objects checked are
   * added to {@code memo} if the whole text passes, which then gives the same result as {@link
   * #check}.
   */
  static Scan scan(String json, Set<String> paths, String anyPath, SyntaxMemo memo) {
    StrictJsonSyntax checker = new StrictJsonSyntax(json, paths, anyPath, memo);
    try {
      checker.document();
    } catch (SyntaxError e) {
      return new Scan(new Violation(e.path, "invalid JSON: " + e.getMessage()), null);
    }
    for (int[] element : checker.checked) {
      memo.remember(json, element[0], element[1], element[2], element[3] != 0, element[4] != 0);
    }
    return new Scan(null, checker.arrays);
  }

  /** First syntax problem in {@code json}, or {@code null} when it is well-formed JSON. */
  static Violation check(String json) {
    StrictJsonSyntax checker = new StrictJsonSyntax(json);
    try {
      checker.document();
      return null;
    } catch (SyntaxError e) {
      return new Violation(e.path, "invalid JSON: " + e.getMessage());
    }
  }

  private void document() {
    skipWhitespace();
    value();
    skipWhitespace();
    if (pos < n) {
      throw fail("unexpected content after the end of the document");
    }
  }

  private void value() {
    skipWhitespace();
    if (pos >= n) {
      throw fail("unexpected end of input");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{' -> {
        if (memo != null && elementLevel >= 0 && depth > elementLevel) {
          knownOrChecked();
        } else {
          object();
        }
      }
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw fail("unexpected character " + describe(c));
        }
      }
    }
  }

  /**
   * An object inside a resource: skipped if the session checked the same text before and its
   * nesting has room here, else checked and kept.
   */
  private void knownOrChecked() {
    KnownObjects<Integer> objects = memo.objects();
    int start = pos;
    int fingerprint = KnownObjects.fingerprint(s, start);
    KnownObjects.Known<Integer> known = objects.find(StrictJsonSyntax.class, s, start, fingerprint);
    if (known != null && depth + known.value() <= MAX_DEPTH) {
      pos = start + known.length();
      maxDepth = Math.max(maxDepth, depth + known.value());
      return;
    }
    int around = maxDepth;
    maxDepth = depth;
    object();
    int nesting = maxDepth - depth;
    maxDepth = Math.max(around, maxDepth);
    if (known == null) {
      objects.put(StrictJsonSyntax.class, s, start, pos, fingerprint, nesting);
    }
  }

  private void object() {
    pos++;
    push(false);
    skipWhitespace();
    if (pos < n && s.charAt(pos) == '}') {
      pos++;
      depth--;
      return;
    }
    while (true) {
      skipWhitespace();
      if (pos >= n || s.charAt(pos) != '"') {
        throw fail("expected a quoted object key");
      }
      int start = pos + 1;
      string();
      int end = pos - 1;
      keyStart[depth - 1] = start;
      keyEnd[depth - 1] = end;
      rememberKey(start, end);
      skipWhitespace();
      expect(':');
      value();
      skipWhitespace();
      if (pos >= n) {
        throw fail("unexpected end of input in object");
      }
      char c = s.charAt(pos++);
      if (c == '}') {
        depth--;
        return;
      }
      if (c != ',') {
        pos--;
        throw fail("expected ',' or '}' but found " + describe(c));
      }
      keyStart[depth - 1] = -1;
    }
  }

  private void array() {
    pos++;
    push(true);
    String path = paths == null ? null : resourcePath();
    List<Slice> elements = null;
    if (path != null) {
      elements = new ArrayList<>();
      arrays.put(path, elements);
    }
    skipWhitespace();
    if (pos < n && s.charAt(pos) == ']') {
      pos++;
      depth--;
      return;
    }
    while (true) {
      index[depth - 1]++;
      if (elements != null) {
        element(elements, path.equals(anyPath));
      } else {
        value();
      }
      skipWhitespace();
      if (pos >= n) {
        throw fail("unexpected end of input in array");
      }
      char c = s.charAt(pos++);
      if (c == ']') {
        depth--;
        return;
      }
      if (c != ',') {
        pos--;
        throw fail("expected ',' or ']' but found " + describe(c));
      }
    }
  }

  private void string() {
    pos++; // opening quote
    // Nearly every string is plain: find its end in a tight loop, then take the careful one only
    // from an escape or a control character on.
    for (int i = pos; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        pos = i + 1;
        return;
      }
      if (c < 0x20 || c == '\\') {
        pos = i;
        break;
      }
    }
    while (pos < n) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        pos--;
        throw fail("unescaped control character " + describe(c) + " in string");
      }
      if (c == '\\') {
        if (pos >= n) {
          break;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {}
          case 'u' -> {
            for (int i = 0; i < 4; i++) {
              if (pos >= n || Character.digit(s.charAt(pos), 16) < 0) {
                throw fail("invalid \\u escape in string");
              }
              pos++;
            }
          }
          default -> {
            pos--;
            throw fail("invalid escape \\" + e + " in string");
          }
        }
      }
    }
    throw fail("unterminated string");
  }

  /**
   * One element of a resource array: skipped when {@link #memo} knows its text, else checked, its
   * extent and nesting noted, and an object kept to be remembered.
   */
  private void element(List<Slice> elements, boolean anyForm) {
    skipWhitespace();
    int start = pos;
    if (pos < n && s.charAt(pos) == '{') {
      int end = memo.end(s, pos, anyForm, depth, MAX_DEPTH);
      if (end >= 0) {
        elements.add(new Slice(start, end, memo.lastNesting()));
        pos = end;
        return;
      }
    }
    int base = depth;
    maxDepth = depth;
    elementLevel = depth;
    elementHasTypeKey = false;
    value();
    elementLevel = -1;
    int nesting = maxDepth - base;
    elements.add(new Slice(start, pos, nesting));
    if (s.charAt(start) == '{') {
      checked.add(new int[] {start, pos, nesting, elementHasTypeKey ? 1 : 0, anyForm ? 1 : 0});
    }
  }

  /**
   * The path of the array just opened, if it is one of {@link #paths}: every level above it an
   * object, under a key written without escapes. Resource arrays sit at most two objects deep.
   */
  private String resourcePath() {
    int level = depth - 1; // the array
    if (level < 1 || level > 2) {
      return null;
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < level; i++) {
      if (isArray[i] || keyStart[i] < 0) {
        return null;
      }
      if (i > 0) {
        path.append('.');
      }
      path.append(s, keyStart[i], keyEnd[i]);
    }
    String found = path.toString();
    return found.indexOf('\\') < 0 && paths.contains(found) ? found : null;
  }

  private void number() {
    if (s.charAt(pos) == '-') {
      pos++;
    }
    if (pos < n && s.charAt(pos) == '0') {
      pos++;
    } else if (!digits()) {
      throw fail("invalid number");
    }
    if (pos < n && s.charAt(pos) == '.') {
      pos++;
      if (!digits()) {
        throw fail("invalid number: digits expected after '.'");
      }
    }
    if (pos < n && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      if (!digits()) {
        throw fail("invalid number: digits expected in exponent");
      }
    }
  }

  private boolean digits() {
    int start = pos;
    while (pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private void literal(String word) {
    if (!s.startsWith(word, pos)) {
      throw fail("unexpected character " + describe(s.charAt(pos)));
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (pos >= n || s.charAt(pos) != c) {
      throw fail("expected '" + c + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    int i = pos;
    while (i < n) {
      char c = s.charAt(i);
      if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
        break;
      }
      i++;
    }
    pos = i;
  }

  private void push(boolean array) {
    if (depth == MAX_DEPTH) {
      throw fail("nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (depth == isArray.length) {
      grow();
    }
    isArray[depth] = array;
    index[depth] = -1;
    keyStart[depth] = -1;
    seenCount[depth] = 0;
    seenSets[depth] = null;
    depth++;
    if (depth > maxDepth) {
      maxDepth = depth;
    }
  }

  /**
   * Records a key of the innermost object, failing on a duplicate; compares raw (unescaped) text.
   */
  private void rememberKey(int start, int end) {
    int level = depth - 1;
    if (level == elementLevel && end - start == 5 && s.startsWith("@type", start)) {
      elementHasTypeKey = true;
    }
    int count = seenCount[level];
    Set<String> set = seenSets[level];
    if (set != null) {
      if (!set.add(s.substring(start, end))) {
        throw fail("duplicate key \"" + s.substring(start, end) + "\"");
      }
      return;
    }
    int[] seen = seenKeys[level];
    int len = end - start;
    for (int i = 0; i < count; i++) {
      int os = seen[2 * i];
      if (seen[2 * i + 1] - os == len && s.regionMatches(os, s, start, len)) {
        throw fail("duplicate key \"" + s.substring(start, end) + "\"");
      }
    }
    if (count == LINEAR_KEY_LIMIT) {
      set = new HashSet<>();
      for (int i = 0; i < count; i++) {
        set.add(s.substring(seen[2 * i], seen[2 * i + 1]));
      }
      set.add(s.substring(start, end));
      seenSets[level] = set;
      return;
    }
    if (seen == null) {
      seen = new int[2 * LINEAR_KEY_LIMIT];
      seenKeys[level] = seen;
    }
    seen[2 * count] = start;
    seen[2 * count + 1] = end;
    seenCount[level] = count + 1;
  }

  private void grow() {
    int size = isArray.length * 2;
    isArray = Arrays.copyOf(isArray, size);
    index = Arrays.copyOf(index, size);
    keyStart = Arrays.copyOf(keyStart, size);
    keyEnd = Arrays.copyOf(keyEnd, size);
    seenKeys = Arrays.copyOf(seenKeys, size);
    seenCount = Arrays.copyOf(seenCount, size);
    seenSets = Arrays.copyOf(seenSets, size);
  }

  private SyntaxError fail(String message) {
    ViolationPath path = ViolationPath.ROOT;
    for (int level = 0; level < depth; level++) {
      if (isArray[level]) {
        if (index[level] >= 0) {
          path = path.index(index[level]);
        }
      } else if (keyStart[level] >= 0) {
        path = path.field(s.substring(keyStart[level], keyEnd[level]));
      }
    }
    return new SyntaxError(message + " at offset " + pos, path.toString());
  }

  private static String describe(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  @SuppressWarnings("unchecked")
  private static Set<String>[] newSetArray(int size) {
    return (Set<String>[]) new Set<?>[size];
  }

  /** Control flow for the first error; carries no stack trace because it is never logged. */
  private static final class SyntaxError extends RuntimeException {
    final String path;

    SyntaxError(String message, String path) {
      super(message, null, false, false);
      this.path = path;
    }
  }
}
