package dev.rigging.compiler;

import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.core.Options;
import org.approvaltests.namer.NamerWrapper;
import org.approvaltests.reporters.AutoApproveReporter;
import org.approvaltests.reporters.QuietReporter;

/**
 * Verifies rendered diagnostics against {@code diagnostics.approved.txt} in the case folder itself,
 * so a case is one self-contained folder: the policy and what the checker says about it.
 *
 * <p>Re-approve everything with {@code -Dapprove=true}: every differing output is copied over its
 * approved file and the test passes. Without it, a difference fails the test and leaves {@code
 * diagnostics.received.txt} beside the approved file to diff; ApprovalTests deletes the received
 * file again once the two agree.
 */
final class ApprovedDiagnostics {
  /** The one switch that re-approves the whole corpus. */
  static final boolean APPROVE_ALL = Boolean.getBoolean("approve");

  private ApprovedDiagnostics() {}

  static void verify(String rendered, Path caseFolder) {
    String folder = caseFolder.toAbsolutePath().normalize().toString();
    // Quiet: a test run must never try to open a diff tool.
    ApprovalFailureReporter reporter =
        APPROVE_ALL ? new AutoApproveReporter() : QuietReporter.INSTANCE;
    Options options =
        new Options()
            .withReporter(reporter)
            .forFile()
            .withNamer(new NamerWrapper(() -> "diagnostics", () -> folder));
    Approvals.verify(rendered, options);
  }
}
