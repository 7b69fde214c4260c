package dev.rigging.gitops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The message of an output commit: a subject naming the source revision and what changed, then the
 * changed files grouped by directory (one directory per proxy), so `git log` reads as a history of
 * what each proxy was told.
 */
public final class CommitMessage {
  private CommitMessage() {}

  /**
   * Returns the message.
   *
   * @param sourceRevision the policy revision compiled, e.g. a commit id or "unversioned"
   * @param compiler the compiler's name and version
   * @param changes the changed files, sorted
   */
  public static String of(String sourceRevision, String compiler, List<TreeChange> changes) {
    Map<String, List<TreeChange>> byDirectory = new TreeMap<>();
    for (TreeChange change : changes) {
      int slash = change.path().lastIndexOf('/');
      String dir = slash < 0 ? "." : change.path().substring(0, slash);
      byDirectory.computeIfAbsent(dir, d -> new ArrayList<>()).add(change);
    }
    List<String> proxies = new ArrayList<>();
    for (String dir : byDirectory.keySet()) {
      int envoy = dir.equals("envoy") ? -1 : dir.lastIndexOf("envoy/");
      if (envoy >= 0 && (envoy == 0 || dir.charAt(envoy - 1) == '/')) {
        String proxy = dir.substring(envoy + "envoy/".length());
        if (!proxy.contains("/")) {
          proxies.add(proxy);
        }
      }
    }
    StringBuilder message = new StringBuilder();
    message.append("rigging: compile ").append(shortRevision(sourceRevision));
    if (!proxies.isEmpty()) {
      message.append(": ").append(String.join(", ", proxies)).append(" changed");
    }
    message.append("\n\n");
    message.append("Source-Revision: ").append(sourceRevision).append('\n');
    message.append("Compiler: ").append(compiler).append('\n');
    message.append('\n');
    for (Map.Entry<String, List<TreeChange>> entry : byDirectory.entrySet()) {
      message.append(entry.getKey()).append(":\n");
      for (TreeChange change : entry.getValue()) {
        String name = change.path().substring(change.path().lastIndexOf('/') + 1);
        message.append("  ").append(change.kind().letter()).append(' ').append(name).append('\n');
      }
    }
    return message.toString();
  }

  private static String shortRevision(String revision) {
    return revision.matches("[0-9a-f]{40}") ? revision.substring(0, 12) : revision;
  }
}
