package dev.rigging.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.gitops.OutputCommitter;

/** How {@code rig compile --commit} tells what it did, in words and in JSON. */
final class CommitReport {
  private CommitReport() {}

  static String line(OutputCommitter.Outcome outcome, String branch, String repo) {
    return switch (outcome) {
      case OutputCommitter.Outcome.Committed c ->
          "committed "
              + c.commit().substring(0, 12)
              + " to "
              + branch
              + " of "
              + repo
              + " ("
              + c.changes().size()
              + (c.changes().size() == 1 ? " file" : " files")
              + " changed)";
      case OutputCommitter.Outcome.Unchanged u ->
          "no change: "
              + branch
              + " of "
              + repo
              + " already holds this output at "
              + u.head().substring(0, 12);
    };
  }

  static void json(OutputCommitter.Outcome outcome, String branch, ObjectNode node) {
    node.put("branch", branch);
    switch (outcome) {
      case OutputCommitter.Outcome.Committed c -> {
        node.put("id", c.commit());
        node.put("changed", true);
        var files = node.putArray("files");
        c.changes().forEach(change -> files.add(change.kind().letter() + " " + change.path()));
      }
      case OutputCommitter.Outcome.Unchanged u -> {
        node.put("id", u.head());
        node.put("changed", false);
      }
    }
  }
}
