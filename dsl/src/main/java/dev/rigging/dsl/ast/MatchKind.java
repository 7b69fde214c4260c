package dev.rigging.dsl.ast;

/** How a path, header or query value is compared. */
public enum MatchKind {
  EXACT,
  PREFIX,
  REGEX,
  PRESENT,
  ABSENT;

  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
