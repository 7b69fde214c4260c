package dev.rigging;

import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.reporters.AutoApproveReporter;
import org.approvaltests.reporters.QuietReporter;

/**
 * ApprovalTests settings for every test under {@code dev.rigging}: ApprovalTests looks this class
 * up by name from each test's package upwards. {@code -Dapprove=true} re-approves every golden file
 * a run touches (read the diff before committing); otherwise a mismatch fails quietly, with the
 * {@code .received} file left beside the {@code .approved} one and no diff tool launched.
 */
public final class PackageSettings {
  public static final ApprovalFailureReporter UseReporter =
      Boolean.getBoolean("approve") ? new AutoApproveReporter() : new QuietReporter();

  private PackageSettings() {}
}
