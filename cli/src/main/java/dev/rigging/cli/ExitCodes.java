package dev.rigging.cli;

/**
 * The exit codes of every {@code rig} command. Scripts and CI depend on them, so they never change
 * meaning.
 */
public final class ExitCodes {
  /** Success: no errors (warnings allowed unless {@code --werror}); nothing to reformat. */
  public static final int OK = 0;

  /** The policy has errors, or {@code fmt} found files that are not canonical or do not parse. */
  public static final int POLICY_ERRORS = 1;

  /** Bad usage, a refused or failed write, or a bug in rig itself. */
  public static final int USAGE_OR_INTERNAL = 2;

  /** {@code rig diff}: the two revisions differ in what they do to traffic. */
  public static final int CHANGED = 3;

  private ExitCodes() {}
}
