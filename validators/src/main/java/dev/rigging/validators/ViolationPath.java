package dev.rigging.validators;

/**
 * Immutable path into a document, built as a linked list of segments so that descending costs one
 * small allocation and the string is only rendered when a violation is actually reported.
 */
final class ViolationPath {

  /** The document root; renders as {@code ""}. */
  static final ViolationPath ROOT = new ViolationPath(null, null, -1, null);

  private final ViolationPath parent;
  private final String field;
  private final int index;
  private final String key;

  private ViolationPath(ViolationPath parent, String field, int index, String key) {
    this.parent = parent;
    this.field = field;
    this.index = index;
    this.key = key;
  }

  /** Child for a field, named as in the JSON document. */
  ViolationPath field(String name) {
    return new ViolationPath(this, name, -1, null);
  }

  /** Child for an element of a JSON array. */
  ViolationPath index(int i) {
    return new ViolationPath(this, null, i, null);
  }

  /** Child for an entry of a JSON object used as a map. */
  ViolationPath key(String mapKey) {
    return new ViolationPath(this, null, -1, mapKey);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    render(sb);
    return sb.toString();
  }

  private void render(StringBuilder sb) {
    if (parent == null) {
      return;
    }
    parent.render(sb);
    if (field != null) {
      if (!sb.isEmpty()) {
        sb.append('.');
      }
      sb.append(field);
    } else if (key != null) {
      sb.append("[\"");
      appendEscaped(sb, key);
      sb.append("\"]");
    } else {
      sb.append('[').append(index).append(']');
    }
  }

  private static void appendEscaped(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
  }
}
