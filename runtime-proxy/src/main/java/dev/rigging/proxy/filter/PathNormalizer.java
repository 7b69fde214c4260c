package dev.rigging.proxy.filter;

import dev.rigging.proxy.config.ConnectionManagerConfig;
import dev.rigging.proxy.config.ConnectionManagerConfig.EscapedSlashesAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP connection manager's path normalisation, in Envoy's order: {@code
 * path_with_escaped_slashes_action}, then {@code normalize_path} (RFC 3986 dot-segment removal with
 * Chromium's canonicalisation, as Envoy's {@code PathUtil::canonicalPath}), then {@code
 * merge_slashes}. Only the part before {@code ?} changes; the query is kept byte for byte.
 *
 * <p>Routing and RBAC both see the result, so {@code //admin}, {@code /./admin}, {@code
 * /a/../admin}, {@code /%2e%2e/admin}, {@code \admin} and (when slashes are unescaped) {@code
 * /%2Fadmin} all reach a rule on {@code /admin} as {@code /admin}: the class of bypass behind
 * CVE-2021-31920. Immutable and thread-safe; a path that needs no change is returned as the same
 * string.
 */
public final class PathNormalizer {

  /** Status Envoy answers a path it cannot normalise or must refuse with. */
  public static final int REJECT_STATUS = 400;

  /** Status of Envoy's redirect to the unescaped path ({@code UNESCAPE_AND_REDIRECT}). */
  public static final int REDIRECT_STATUS = 307;

  private final Settings settings;

  /** A normaliser with {@code settings}. */
  public PathNormalizer(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The normaliser a connection manager's settings ask for. */
  public static PathNormalizer of(ConnectionManagerConfig manager) {
    return new PathNormalizer(
        new Settings(
            manager.normalizePath(), manager.mergeSlashes(), manager.escapedSlashesAction()));
  }

  /**
   * The connection manager's path options.
   *
   * @param normalizePath RFC 3986 normalisation ({@code normalize_path})
   * @param mergeSlashes {@code //} collapsed to {@code /} ({@code merge_slashes})
   * @param escapedSlashes what {@code %2F} and {@code %5C} cause ({@code
   *     path_with_escaped_slashes_action})
   */
  public record Settings(
      boolean normalizePath, boolean mergeSlashes, EscapedSlashesAction escapedSlashes) {
    public Settings {
      Objects.requireNonNull(escapedSlashes, "escapedSlashes");
    }
  }

  /** What becomes of a request's path. */
  public sealed interface Result {
    /** The request proceeds with {@code path} (query string included). */
    record Normalized(String path) implements Result {
      public Normalized {
        Objects.requireNonNull(path, "path");
      }
    }

    /** The client is sent {@link #REDIRECT_STATUS} to {@code location} (a path with query). */
    record Redirect(String location) implements Result {
      public Redirect {
        Objects.requireNonNull(location, "location");
      }
    }

    /** The request is answered {@link #REJECT_STATUS}; {@code reason} is for logs, not clients. */
    record Reject(String reason) implements Result {
      public Reject {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /** The fate of {@code path}, the request target in origin form ({@code /p?q}). */
  public Result normalize(String path) {
    if (path.equals("*")) {
      return new Result.Normalized(path); // OPTIONS *: nothing to normalise
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      return new Result.Reject("path does not start with /");
    }
    if (path.indexOf('#') >= 0) {
      return new Result.Reject("path has a fragment"); // as Envoy's default
    }
    int question = path.indexOf('?');
    String pathPart = question < 0 ? path : path.substring(0, question);
    if (isAlreadyCanonical(pathPart)) {
      return new Result.Normalized(path);
    }
    boolean unescapedSlashes = false;
    if (settings.escapedSlashes() != EscapedSlashesAction.KEEP_UNCHANGED) {
      String unescaped = unescapeSlashes(pathPart);
      if (unescaped != pathPart) {
        if (settings.escapedSlashes() == EscapedSlashesAction.REJECT_REQUEST) {
          return new Result.Reject("path has an escaped slash or backslash");
        }
        unescapedSlashes = true;
        pathPart = unescaped;
      }
    }
    if (settings.normalizePath()) {
      pathPart = canonicalPath(pathPart);
      if (pathPart == null) {
        return new Result.Reject("path cannot be normalised (it has %00)");
      }
    }
    if (settings.mergeSlashes()) {
      pathPart = mergeSlashes(pathPart);
    }
    String result = question < 0 ? pathPart : pathPart + path.substring(question);
    if (unescapedSlashes
        && settings.escapedSlashes() == EscapedSlashesAction.UNESCAPE_AND_REDIRECT) {
      return new Result.Redirect(result);
    }
    return new Result.Normalized(result.equals(path) ? path : result);
  }

  /** Whether none of the steps can change {@code pathPart}: the common case, without copying. */
  private static boolean isAlreadyCanonical(String pathPart) {
    char previous = 0;
    for (int i = 0; i < pathPart.length(); i++) {
      char c = pathPart.charAt(i);
      if (c == '%'
          || c == '\\'
          || (c == '.' && previous == '/')
          || (c == '/' && previous == '/')
          || escapeInPath(c)) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  /**
   * {@code pathPart} with {@code %2F}/{@code %2f} as {@code /} and {@code %5C}/{@code %5c} as
   * {@code \}; the same instance when there are none.
   */
  static String unescapeSlashes(String pathPart) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i + 2 < pathPart.length(); i++) {
      if (pathPart.charAt(i) != '%') {
        continue;
      }
      char hi = pathPart.charAt(i + 1);
      char lo = Character.toUpperCase(pathPart.charAt(i + 2));
      char replacement = hi == '2' && lo == 'F' ? '/' : hi == '5' && lo == 'C' ? '\\' : 0;
      if (replacement != 0) {
        if (out == null) {
          out = new StringBuilder(pathPart.length());
        }
        out.append(pathPart, copied, i).append(replacement);
        copied = i + 3;
        i += 2;
      }
    }
    return out == null ? pathPart : out.append(pathPart, copied, pathPart.length()).toString();
  }

  /**
   * Chromium's path canonicalisation as Envoy runs it: {@code \} is a slash, escapes of unreserved
   * characters are decoded, other escapes kept as written, characters not allowed in a path
   * escaped, and {@code .}/{@code ..} segments removed (RFC 3986 §5.2.4); null for {@code %00}.
   */
  static String canonicalPath(String pathPart) {
    StringBuilder decoded = new StringBuilder(pathPart.length() + 8);
    for (int i = 0; i < pathPart.length(); i++) {
      char c = pathPart.charAt(i);
      if (c == '\\') {
        decoded.append('/');
      } else if (c == '%'
          && i + 2 < pathPart.length()
          && isHex(pathPart.charAt(i + 1))
          && isHex(pathPart.charAt(i + 2))) {
        int value =
            Character.digit(pathPart.charAt(i + 1), 16) * 16
                + Character.digit(pathPart.charAt(i + 2), 16);
        if (value == 0) {
          return null;
        }
        if (isUnreserved((char) value)) {
          decoded.append((char) value);
        } else {
          decoded.append(pathPart, i, i + 3); // kept as written, hex case included
        }
        i += 2;
      } else if (escapeInPath(c)) {
        int codePoint = c <= 0xFF ? c : pathPart.codePointAt(i);
        appendEscaped(decoded, codePoint);
        i += Character.charCount(codePoint) - 1;
      } else {
        decoded.append(c); // includes a '%' that starts no valid escape, as Chromium keeps it
      }
    }
    return removeDotSegments(decoded);
  }

  private static String removeDotSegments(CharSequence path) {
    List<CharSequence> segments = new ArrayList<>();
    int start = 1; // path starts with '/'
    boolean changed = false;
    while (start <= path.length()) {
      int end = indexOf(path, '/', start);
      boolean last = end < 0;
      if (last) {
        end = path.length();
      }
      CharSequence segment = path.subSequence(start, end);
      if (isDot(segment)) {
        changed = true;
        if (last) {
          segments.add("");
        }
      } else if (isDotDot(segment)) {
        changed = true;
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
        if (last) {
          segments.add("");
        }
      } else {
        segments.add(segment);
      }
      start = end + 1;
    }
    if (!changed) {
      return path.toString();
    }
    StringBuilder out = new StringBuilder(path.length());
    for (CharSequence segment : segments) {
      out.append('/').append(segment);
    }
    return out.isEmpty() ? "/" : out.toString();
  }

  /** {@code pathPart} with every run of {@code /} collapsed to one. */
  static String mergeSlashes(String pathPart) {
    if (!pathPart.contains("//")) {
      return pathPart;
    }
    StringBuilder out = new StringBuilder(pathPart.length());
    for (int i = 0; i < pathPart.length(); i++) {
      char c = pathPart.charAt(i);
      if (c != '/' || out.isEmpty() || out.charAt(out.length() - 1) != '/') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isDot(CharSequence segment) {
    return segment.length() == 1 && segment.charAt(0) == '.';
  }

  private static boolean isDotDot(CharSequence segment) {
    return segment.length() == 2 && segment.charAt(0) == '.' && segment.charAt(1) == '.';
  }

  private static int indexOf(CharSequence text, char c, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** RFC 3986 unreserved: decoded when found escaped. */
  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** Characters Chromium's path canonicaliser percent-encodes. */
  private static boolean escapeInPath(char c) {
    return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '^' || c == '`'
        || c == '{' || c == '}';
  }

  private static void appendEscaped(StringBuilder out, int codePoint) {
    // Up to 0xFF a char is one byte as the HTTP/1 decoder read it; above that, its UTF-8 bytes.
    byte[] bytes =
        codePoint <= 0xFF
            ? new byte[] {(byte) codePoint}
            : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 0x80;
  }
}
