package dev.rigging.gitops;

/**
 * One file that differs between the previous commit's tree and the new one.
 *
 * @param kind what happened to it
 * @param path its slash-separated path in the tree
 */
public record TreeChange(Kind kind, String path) implements Comparable<TreeChange> {
  /** Added, modified or deleted, with git's one-letter name. */
  public enum Kind {
    ADDED("A"),
    MODIFIED("M"),
    DELETED("D");

    private final String letter;

    Kind(String letter) {
      this.letter = letter;
    }

    public String letter() {
      return letter;
    }
  }

  @Override
  public int compareTo(TreeChange other) {
    return path.compareTo(other.path);
  }
}
