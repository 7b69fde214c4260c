package dev.rigging.validators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds where values sit in a JSON text that {@link StrictJsonSyntax} has already accepted, so it
 * checks nothing itself. Used by {@link ValidationSession} to cut resources out of a document, in
 * one pass that skips string contents with {@link String#indexOf(int, int)}.
 */
final class JsonSlices {

  /**
   * A value's text, {@code [start, end)}, and how deeply objects and arrays nest in it (0 for a
   * scalar, 1 for a flat object).
   */
  record Slice(int start, int end, int depth) {}

  private JsonSlices() {}

  /**
   * The elements of the arrays found at {@code paths} (keys from the root object, joined by {@code
   * .}, e.g. {@code static_resources.clusters}), by path; a path whose value is missing or not
   * reached through objects is absent. {@code null} if a key on the way holds an escape, whose
   * meaning this does not decode.
   */
  static Map<String, List<Slice>> arrays(String json, Set<String> paths) {
    Map<String, List<Slice>> found = new HashMap<>();
    int start = skipWhitespace(json, 0);
    if (json.charAt(start) != '{') {
      return found;
    }
    return object(json, start, "", paths, found) < 0 ? null : found;
  }

  /** Scans the object at {@code pos}; returns the position after it, or -1 on an escaped key. */
  private static int object(
      String json, int pos, String prefix, Set<String> paths, Map<String, List<Slice>> found) {
    pos = skipWhitespace(json, pos + 1);
    if (json.charAt(pos) == '}') {
      return pos + 1;
    }
    while (true) {
      int keyEnd = skipString(json, pos) - 1;
      String key = json.substring(pos + 1, keyEnd);
      if (key.indexOf('\\') >= 0) {
        return -1;
      }
      pos = skipWhitespace(json, skipWhitespace(json, keyEnd + 1) + 1); // past ':'
      String path = prefix + key;
      char c = json.charAt(pos);
      if (c == '[' && paths.contains(path)) {
        List<Slice> elements = new ArrayList<>();
        pos = elements(json, pos, elements);
        found.put(path, elements);
      } else if (c == '{' && leadsToOneOf(path + ".", paths)) {
        pos = object(json, pos, path + ".", paths, found);
        if (pos < 0) {
          return -1;
        }
      } else {
        pos = value(json, pos).end();
      }
      pos = skipWhitespace(json, pos);
      if (json.charAt(pos) == '}') {
        return pos + 1;
      }
      pos = skipWhitespace(json, pos + 1); // past ','
    }
  }

  private static boolean leadsToOneOf(String prefix, Set<String> paths) {
    for (String path : paths) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Adds the elements of the array at {@code pos}; returns the position after it. */
  private static int elements(String json, int pos, List<Slice> out) {
    pos = skipWhitespace(json, pos + 1);
    if (json.charAt(pos) == ']') {
      return pos + 1;
    }
    while (true) {
      Slice element = value(json, pos);
      out.add(element);
      pos = skipWhitespace(json, element.end());
      if (json.charAt(pos) == ']') {
        return pos + 1;
      }
      pos = skipWhitespace(json, pos + 1); // past ','
    }
  }

  /** The value starting at {@code pos}, after any whitespace. */
  static Slice value(String json, int pos) {
    pos = skipWhitespace(json, pos);
    int start = pos;
    char c = json.charAt(pos);
    if (c == '"') {
      return new Slice(start, skipString(json, pos), 0);
    }
    if (c != '{' && c != '[') {
      while (pos < json.length() && !isDelimiter(json.charAt(pos))) {
        pos++;
      }
      return new Slice(start, pos, 0);
    }
    int depth = 0;
    int max = 0;
    while (true) {
      c = json.charAt(pos);
      if (c == '"') {
        pos = skipString(json, pos);
        continue;
      }
      if (c == '{' || c == '[') {
        max = Math.max(max, ++depth);
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return new Slice(start, pos + 1, max);
      }
      pos++;
    }
  }

  /**
   * From an opening quote to just past the closing one: the next quote not escaped, that is not
   * preceded by an odd number of backslashes.
   */
  private static int skipString(String json, int pos) {
    int quote = pos;
    while (true) {
      quote = json.indexOf('"', quote + 1);
      int backslashes = 0;
      while (json.charAt(quote - 1 - backslashes) == '\\') {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        return quote + 1;
      }
    }
  }

  private static int skipWhitespace(String json, int pos) {
    while (pos < json.length() && isWhitespace(json.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isDelimiter(char c) {
    return c == ',' || c == '}' || c == ']' || isWhitespace(c);
  }
}
