package dev.rigging.validators;

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

  /**
   * A resource text that passed the check, keyed by its members (the text after its opening brace),
   * so that an {@code Any}'s content and the plain resource match.
   *
   * @param nesting how deeply objects and arrays nest in it: 1 for a flat object
   * @param hasTypeKey whether it has a member named {@code "@type"} (raw text) at its top level
   */
  private record Resource(int nesting, boolean hasTypeKey) {}

  private static final String ANY_PREFIX = "{\"@type\":\"";

  private final KnownObjects<Resource> resources = new KnownObjects<>();
  private final KnownObjects<Integer> objects = new KnownObjects<>();
  private int skipped;
  private int lastNesting;

  /**
   * Where the object at {@code pos} of {@code json} ends, if its text is known; else -1. {@code
   * anyForm} says it is an {@code Any} resource, written {@code {"@type":"URL",...}}, whose content
   * is looked up. {@code depth} is the nesting of the position (the object's own braces not
   * counted), which with the text's must stay within {@code maxDepth}.
   */
  int end(String json, int pos, boolean anyForm, int depth, int maxDepth) {
    int members = anyForm ? anyMembers(json, pos) : pos + 1;
    if (members < 0) {
      return -1;
    }
    var known = resources.find(this, json, members, KnownObjects.fingerprint(json, members));
    if (known == null
        || depth + known.value().nesting() > maxDepth
        // Beside an Any's own "@type", a second one is a duplicate key.
        || (anyForm && known.value().hasTypeKey())) {
      return -1;
    }
    lastNesting = known.value().nesting();
    skipped++;
    return members + known.length();
  }

  /** The nesting of the text {@link #end} last found. */
  int lastNesting() {
    return lastNesting;
  }

  /**
   * Keeps the object {@code json[start, end)}, which passed the check; for {@code anyForm}, its
   * content, when it is written {@code {"@type":"URL",members}}.
   */
  void remember(String json, int start, int end, int nesting, boolean hasTypeKey, boolean anyForm) {
    int members = anyForm ? anyMembers(json, start) : start + 1;
    if (members < 0) {
      return;
    }
    // The check passed, so an Any's members hold no second "@type".
    var resource = new Resource(nesting, !anyForm && hasTypeKey);
    int fingerprint = KnownObjects.fingerprint(json, members);
    if (resources.find(this, json, members, fingerprint) == null) {
      resources.put(this, json, members, end, fingerprint, resource);
    }
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
