package dev.rigging.diag;

/** How bad a diagnostic is; only errors make `rig check` exit 1. */
public enum Severity {
  ERROR,
  WARNING,
  NOTE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
