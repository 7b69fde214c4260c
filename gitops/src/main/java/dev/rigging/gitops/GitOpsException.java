package dev.rigging.gitops;

/** A Git operation that could not be carried out; the message is meant for the user. */
public class GitOpsException extends Exception {
  public GitOpsException(String message) {
    super(message);
  }

  public GitOpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
