package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule walk's results for whole resources, kept for one {@link ValidationSession}: a proxy's
 * xDS files hold the same clusters, inbound listener and route config as its bootstrap, which read
 * into the same wire bytes, so the walk of those bytes finds the same violations. Those are kept
 * with their paths relative to where they were found and set under the new place when the bytes
 * come again. Only messages of the kept types are looked up, so that the many small messages inside
 * them do not pay for hashing. Not thread-safe.
 */
final class WalkMemo {

  /** The violations one walk of a message's bytes found, and the path it was walked at. */
  static final class Walked {
    private static final Walked CLEAN = new Walked("", List.of());

    private final String at;
    private final List<Violation> violations;

    private Walked(String at, List<Violation> violations) {
      this.at = at;
      this.violations = violations;
    }

    /**
     * Adds the violations to {@code out} as the walk at {@code path} would find them: a path is
     * rendered as its parent's rendering followed by its own segments, so only the prefix changes.
     */
    void replay(ViolationPath path, List<Violation> out) {
      if (violations.isEmpty()) {
        return;
      }
      String here = path.toString();
      for (Violation violation : violations) {
        out.add(new Violation(moved(violation.path(), here), violation.message()));
      }
    }

    /** {@code found}, a path under {@link #at}, moved under {@code here}. */
    private String moved(String found, String here) {
      String rest = found.substring(at.length());
      // The root renders as "", and a field right under it without the leading '.'.
      if (here.isEmpty()) {
        return rest.startsWith(".") ? rest.substring(1) : rest;
      }
      if (at.isEmpty() && !rest.isEmpty() && rest.charAt(0) != '[') {
        return here + "." + rest;
      }
      return here + rest;
    }
  }

  /** A message type and a range of wire bytes. */
  private static final class Key {
    private final Descriptor type;
    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int hash;

    Key(Descriptor type, byte[] bytes, int from, int to) {
      this.type = type;
      this.bytes = bytes;
      this.from = from;
      this.to = to;
      this.hash = sampleHash(type, bytes, from, to);
    }

    /**
     * A hash of the length and of up to 32 bytes spread over the range: hashing every byte cost
     * about as much as the walk it saves, and a session holds only a few dozen keys, whose {@code
     * equals} compares all bytes anyway.
     */
    private static int sampleHash(Descriptor type, byte[] bytes, int from, int to) {
      int length = to - from;
      int h = 31 * type.hashCode() + length;
      int step = Math.max(1, length / 32);
      for (int i = from; i < to; i += step) {
        h = 31 * h + bytes[i];
      }
      return h;
    }

    /** This key with its own copy of the bytes, to be kept after the document's buffer goes. */
    Key keep() {
      return new Key(type, Arrays.copyOfRange(bytes, from, to), 0, to - from, hash);
    }

    private Key(Descriptor type, byte[] bytes, int from, int to, int hash) {
      this.type = type;
      this.bytes = bytes;
      this.from = from;
      this.to = to;
      this.hash = hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k
          && k.hash == hash
          && k.type == type
          && Arrays.equals(bytes, from, to, k.bytes, k.from, k.to);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final Set<Descriptor> kept;
  private final Map<Key, Walked> walked = new HashMap<>();
  private int found;

  /** A memo of the walks of messages of the {@code kept} types. */
  WalkMemo(Set<Descriptor> kept) {
    this.kept = kept;
  }

  boolean keeps(Descriptor type) {
    return kept.contains(type);
  }

  /** What the walk of {@code bytes[from, to)} as {@code type} found, or {@code null} if new. */
  Walked find(Descriptor type, byte[] bytes, int from, int to) {
    Walked known = walked.get(new Key(type, bytes, from, to));
    if (known != null) {
      found++;
    }
    return known;
  }

  /** Keeps what the walk of {@code bytes[from, to)} as {@code type} at {@code path} found. */
  void remember(
      Descriptor type,
      byte[] bytes,
      int from,
      int to,
      ViolationPath path,
      List<Violation> violations) {
    Walked result =
        violations.isEmpty() ? Walked.CLEAN : new Walked(path.toString(), List.copyOf(violations));
    walked.putIfAbsent(new Key(type, bytes, from, to).keep(), result);
  }

  /** How many walks were found rather than made; for tests. */
  int walksFound() {
    return found;
  }
}
