package dev.rigging.validators;

/**
 * JSON objects met before in one session, found again by their exact text, each with what was
 * learnt from it: the syntax check keeps how deeply it nests, the fast reader its wire form. A
 * proxy's documents repeat many objects: each inbound filter chain carries the same RBAC filters,
 * access log and TLS context, each cluster the same protocol options and outlier detection, and the
 * bootstrap's inline route config is {@code routes.json}'s resource.
 *
 * <p>A lookup costs O(1) and needs no index of the text: objects are keyed by a fingerprint of
 * their first {@link #MIN_LENGTH} characters (and a kind, such as the message type they were read
 * as), and a candidate is then compared in full. A JSON object ends where its own text says, so one
 * whose complete text stands at a position is the object there. Not thread-safe.
 *
 * @param <V> what is kept per object
 */
final class KnownObjects<V> {

  /**
   * Objects shorter than this are not kept: checking them again costs about as much as a lookup.
   */
  static final int MIN_LENGTH = 64;

  /**
   * One object met before.
   *
   * @param kind what it was taken as, compared by identity
   * @param source the text it is in; only compared against, never changed
   * @param start where it starts there
   * @param length its length
   * @param fingerprint the {@link #fingerprint} of its text
   * @param value what was learnt from it
   */
  record Known<V>(Object kind, String source, int start, int length, int fingerprint, V value) {

    /** Whether {@code text} holds this object at {@code start}. */
    boolean standsAt(Object kind, String text, int start, int fingerprint) {
      return this.kind == kind
          && this.fingerprint == fingerprint
          && start + length <= text.length()
          && source.regionMatches(this.start, text, start, length);
    }
  }

  private Known<V>[] table = newTable(512);
  private int size;
  private int found;

  /**
   * A hash of every fourth character of the {@link #MIN_LENGTH} from {@code start}: an object's own
   * for any object at least that long. 0 when the text ends before.
   */
  static int fingerprint(String text, int start) {
    if (start + MIN_LENGTH > text.length()) {
      return 0;
    }
    int h = 1;
    for (int i = start; i < start + MIN_LENGTH; i += 4) {
      h = 31 * h + text.charAt(i);
    }
    return h;
  }

  /**
   * The object of {@code kind} whose text stands in {@code text} at {@code start}, or {@code null};
   * {@code fingerprint} is {@link #fingerprint}{@code (text, start)}.
   */
  Known<V> find(Object kind, String text, int start, int fingerprint) {
    int mask = table.length - 1;
    for (int slot = slot(kind, fingerprint, mask); ; slot = (slot + 1) & mask) {
      Known<V> known = table[slot];
      if (known == null) {
        return null;
      }
      if (known.standsAt(kind, text, start, fingerprint)) {
        found++;
        return known;
      }
    }
  }

  /**
   * Keeps the object of {@code kind} from {@code start} to {@code end} in {@code text}, which
   * {@link #find} did not find, if it is long enough to be worth it.
   */
  void put(Object kind, String text, int start, int end, int fingerprint, V value) {
    if (end - start < MIN_LENGTH) {
      return;
    }
    if (++size * 2 > table.length) {
      Known<V>[] old = table;
      table = newTable(old.length * 2);
      for (Known<V> known : old) {
        if (known != null) {
          insert(known);
        }
      }
    }
    insert(new Known<>(kind, text, start, end - start, fingerprint, value));
  }

  /** How many lookups found an object; for tests. */
  int found() {
    return found;
  }

  /** Linear probing, at most half full. */
  private void insert(Known<V> known) {
    int mask = table.length - 1;
    int slot = slot(known.kind(), known.fingerprint(), mask);
    while (table[slot] != null) {
      slot = (slot + 1) & mask;
    }
    table[slot] = known;
  }

  private static int slot(Object kind, int fingerprint, int mask) {
    long mixed = (fingerprint ^ ((long) System.identityHashCode(kind) << 32)) * 0x9E3779B97F4A7C15L;
    return (int) (mixed >>> 40) & mask;
  }

  @SuppressWarnings("unchecked")
  private static <V> Known<V>[] newTable(int size) {
    return (Known<V>[]) new Known<?>[size];
  }
}
