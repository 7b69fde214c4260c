package dev.rigging.gitops;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Names the policy revision being compiled: the commit the policy files come from, marked {@code
 * -dirty} when they have uncommitted edits, or {@code unversioned} outside Git.
 */
public final class SourceRevision {
  private SourceRevision() {}

  /** Returns the revision of {@code paths}, judged by the repository holding the first one. */
  public static String of(List<Path> paths) {
    if (paths.isEmpty()) {
      return "unversioned";
    }
    File start = paths.get(0).toAbsolutePath().toFile();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment();
    builder.findGitDir(start.isDirectory() ? start : start.getParentFile());
    if (builder.getGitDir() == null) {
      return "unversioned";
    }
    try (Repository repo = builder.build();
        Git git = new Git(repo)) {
      ObjectId head = repo.resolve("HEAD");
      if (head == null || repo.isBare()) {
        return "unversioned";
      }
      Path top = repo.getWorkTree().toPath().toRealPath();
      var status = git.status();
      for (Path path : paths) {
        String relative = top.relativize(path.toAbsolutePath().toRealPath()).toString();
        if (!relative.isEmpty()) {
          status.addPath(relative.replace(File.separatorChar, '/'));
        }
      }
      Status result = status.call();
      boolean dirty = !result.getUncommittedChanges().isEmpty() || !result.getUntracked().isEmpty();
      return head.name() + (dirty ? "-dirty" : "");
    } catch (IOException | GitAPIException | IllegalArgumentException e) {
      return "unversioned";
    }
  }
}
