package dev.rigging.gitops;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where compiled output is committed: a repository on this machine or a remote one. */
public sealed interface GitTarget {
  /** A repository directory (bare or with a work tree); created bare when it does not exist. */
  record Local(Path path) implements GitTarget {}

  /** A remote reached over a transport (https, ssh, git, file URLs): cloned, committed, pushed. */
  record Remote(String url) implements GitTarget {}

  // scheme://... or scp-like user@host:path; a plain path is local.
  Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*|^[^/\\s]+@[^/\\s:]+:.*");

  /** Reads a {@code --repo} argument. */
  static GitTarget parse(String repo) {
    if (URL.matcher(repo).matches()) {
      return new Remote(repo);
    }
    return new Local(Path.of(repo));
  }

  /** The argument as users wrote it, for messages. */
  default String display() {
    return switch (this) {
      case Local local -> local.path().toString();
      case Remote remote -> remote.url();
    };
  }
}
