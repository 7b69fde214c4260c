package dev.rigging.emitters.kubernetes;

/** YAML scalars written by hand, so that every template quotes the same way. */
final class YamlText {
  private YamlText() {}

  /**
   * Returns {@code text} as a YAML double-quoted scalar: never read as a number, boolean or null,
   * and any character allowed. Only escapes YAML 1.1 knows, so every YAML reader takes it.
   */
  static String quote(String text) {
    var out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == '\u2028'
              || c == '\u2029'
              || c == '\ufeff'
              || Character.isSurrogate(c) && !validPair(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean validPair(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
