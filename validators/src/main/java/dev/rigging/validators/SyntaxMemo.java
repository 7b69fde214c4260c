package dev.rigging.validators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resource texts that passed {@link StrictJsonSyntax} in one {@link ValidationSession}, so that the
 * same text met again as a resource need not be checked again: a proxy's xDS files hold its
 * bootstrap's clusters and inbound listener, byte for byte, an xDS file's {@code Any} adding only
 * {@code "@type":"URL",} in front of the members.
 *
 * <p>Whether a value's text is well-formed does not depend on where it sits, with two exceptions
 * this keeps track of: nesting (the check's depth limit counts from the document root) and, for an
 * {@code Any}, a member {@code "@type"} in the content, which next to the {@code Any}'s own would
 * be a duplicate key. The objects inside resources are kept as well, by {@link #objects()}. Not
 * thread-safe.
 */
final class SyntaxMemo {

  /** Texts shorter than this are not kept: they are cheap to check, and keyed by this prefix. */
  static final int KEY_LENGTH = 48;

  private static final String ANY_PREFIX = "{\"@type\":\"";

  /**
   * An object's text that passed the check.
   *
   * @param text the whole object, braces included
   * @param nesting how deeply objects and arrays nest in it: 1 for a flat object
   * @param hasTypeKey whether it has a member named {@code "@type"} (raw text) at its top level
   */
  private record Known(String text, int nesting, boolean hasTypeKey) {}

  private final Map<String, List<Known>> byPrefix = new HashMap<>();
  private final KnownObjects<Integer> objects = new KnownObjects<>();
  private int skipped;

  /**
   * Where the object at {@code pos} of {@code json} ends, if its text is known; else -1. {@code
   * anyForm} says it is an {@code Any} resource, written {@code {"@type":"URL",members}}, whose
   * content {@code {members}} is looked up. {@code depth} is the nesting of the position (the
   * object's own braces not counted), which with the text's must stay within {@code maxDepth}.
   */
  int end(String json, int pos, boolean anyForm, int depth, int maxDepth) {
    if (!anyForm) {
      if (json.length() - pos < KEY_LENGTH) {
        return -1;
      }
      for (Known known : candidates(json.substring(pos, pos + KEY_LENGTH))) {
        if (depth + known.nesting() <= maxDepth
            && json.regionMatches(pos, known.text(), 0, known.text().length())) {
          return found(pos + known.text().length(), known);
        }
      }
      return -1;
    }
    int members = anyMembers(json, pos);
    if (members < 0 || json.length() - members < KEY_LENGTH - 1) {
      return -1;
    }
    for (Known known : candidates("{" + json.substring(members, members + KEY_LENGTH - 1))) {
      // {"@type":"URL",} is not JSON: the content must have members.
      if (!known.hasTypeKey()
          && known.text().length() > 2
          && depth + known.nesting() <= maxDepth
          && json.regionMatches(members, known.text(), 1, known.text().length() - 1)) {
        return found(members + known.text().length() - 1, known);
      }
    }
    return -1;
  }

  /** The nesting of the text {@link #end} last found. */
  int lastNesting() {
    return lastNesting;
  }

  private int lastNesting;

  private int found(int end, Known known) {
    lastNesting = known.nesting();
    skipped++;
    return end;
  }

  /**
   * Keeps the object {@code json[start, end)}, which passed the check; for {@code anyForm}, its
   * content, when it is written {@code {"@type":"URL",members}}.
   */
  void remember(String json, int start, int end, int nesting, boolean hasTypeKey, boolean anyForm) {
    String text;
    if (anyForm) {
      int members = anyMembers(json, start);
      if (members < 0) {
        return;
      }
      // The check passed, so the members hold no second "@type".
      text = "{" + json.substring(members, end);
      hasTypeKey = false;
    } else {
      text = json.substring(start, end);
    }
    if (text.length() < KEY_LENGTH) {
      return;
    }
    List<Known> list =
        byPrefix.computeIfAbsent(text.substring(0, KEY_LENGTH), k -> new ArrayList<>(1));
    for (Known known : list) {
      if (known.text().equals(text)) {
        return;
      }
    }
    list.add(new Known(text, nesting, hasTypeKey));
  }

  /**
   * The objects inside resources that passed the check, with how deeply each nests (1 for a flat
   * object): a proxy's resources repeat many, and an object's syntax depends only on its own text.
   */
  KnownObjects<Integer> objects() {
    return objects;
  }

  /** How many resources were found known rather than checked; for tests. */
  int skipped() {
    return skipped;
  }

  private List<Known> candidates(String prefix) {
    return byPrefix.getOrDefault(prefix, List.of());
  }

  /**
   * Where the members start in {@code {"@type":"URL",members}} at {@code pos}: just after the
   * comma; -1 if the object does not start so, with a URL free of escapes and control characters.
   */
  private static int anyMembers(String json, int pos) {
    if (!json.startsWith(ANY_PREFIX, pos)) {
      return -1;
    }
    int urlStart = pos + ANY_PREFIX.length();
    int urlEnd = json.indexOf('"', urlStart);
    if (urlEnd < 0 || urlEnd + 1 >= json.length() || json.charAt(urlEnd + 1) != ',') {
      return -1;
    }
    for (int i = urlStart; i < urlEnd; i++) {
      char c = json.charAt(i);
      if (c < 0x20 || c == '\\') {
        return -1;
      }
    }
    return urlEnd + 2;
  }
}
