package dev.rigging.emitters;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths into a JSON document in the validator's notation: snake_case field names joined by {@code
 * .}, array indices as {@code [i]}, map keys as {@code ["key"]} (with {@code "} and {@code \}
 * escaped by a backslash), e.g. {@code clusters[2].typed_config.policies["deny-0"]}. Canonical
 * paths write simple map keys like field names (see {@link #keySegment}).
 */
final class JsonPaths {
  private JsonPaths() {}

  /**
   * Splits a path into its segments, each rendered canonically: {@code name}, {@code [3]} or {@code
   * ["key"]}. A leading {@code .} is tolerated and an empty path has no segments. The parser is
   * lenient because the path may come from any validator: a malformed bracket is kept as a field
   * name rather than failing the lookup.
   */
  static List<String> segments(String path) {
    var segments = new ArrayList<String>();
    int i = 0;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        i++;
      } else if (c == '[' && i + 1 < n && path.charAt(i + 1) == '"') {
        var key = new StringBuilder();
        int j = i + 2;
        while (j < n && path.charAt(j) != '"') {
          if (path.charAt(j) == '\\' && j + 1 < n) {
            j++;
          }
          key.append(path.charAt(j));
          j++;
        }
        segments.add(keySegment(key.toString()));
        i = j + 1 < n && path.charAt(j + 1) == ']' ? j + 2 : j + 1;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        int end = close < 0 ? n : close + 1;
        segments.add(path.substring(i, end));
        i = end;
      } else {
        int j = i;
        while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
          j++;
        }
        segments.add(path.substring(i, j));
        i = j;
      }
    }
    return segments;
  }

  /** Joins the first {@code count} segments back into a canonical path. */
  static String join(List<String> segments, int count) {
    var sb = new StringBuilder();
    for (int k = 0; k < count; k++) {
      String segment = segments.get(k);
      if (!segment.startsWith("[") && sb.length() > 0) {
        sb.append('.');
      }
      sb.append(segment);
    }
    return sb.toString();
  }

  /** Returns the canonical form of {@code path}. */
  static String canonical(String path) {
    var segments = segments(path);
    return join(segments, segments.size());
  }

  /**
   * Renders a map key as a segment. A key that could not be mistaken for more than one segment
   * ({@code deny-0}) is rendered like a field name, so that {@code policies["deny-0"]} and {@code
   * policies.deny-0} are the same path; any other key keeps its brackets.
   */
  static String keySegment(String key) {
    for (int k = 0; k < key.length(); k++) {
      if (".[]\"\\".indexOf(key.charAt(k)) >= 0) {
        return key(key);
      }
    }
    return key.isEmpty() ? key(key) : key;
  }

  /** Renders a map-key segment in brackets. */
  static String key(String key) {
    var sb = new StringBuilder(key.length() + 4).append("[\"");
    for (int k = 0; k < key.length(); k++) {
      char c = key.charAt(k);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append("\"]").toString();
  }
}
