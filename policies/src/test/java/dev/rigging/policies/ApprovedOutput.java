package dev.rigging.policies;

import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.core.Options;
import org.approvaltests.namer.NamerWrapper;
import org.approvaltests.reporters.AutoApproveReporter;
import org.approvaltests.reporters.QuietReporter;

/**
 * Verifies text against {@code <name>.approved.txt} in a given folder. {@code -Dapprove=true}
 * re-approves everything (the same switch as the diagnostics corpus); otherwise a difference fails
 * and leaves {@code <name>.received.txt} beside the approved file to diff.
 */
final class ApprovedOutput {
  private static final boolean APPROVE_ALL = Boolean.getBoolean("approve");

  private ApprovedOutput() {}

  static void verify(String text, Path folder, String name) {
    String dir = folder.toAbsolutePath().normalize().toString();
    ApprovalFailureReporter reporter =
        APPROVE_ALL ? new AutoApproveReporter() : QuietReporter.INSTANCE;
    Approvals.verify(
        text,
        new Options()
            .withReporter(reporter)
            .forFile()
            .withNamer(new NamerWrapper(() -> name, () -> dir)));
  }
}
