package dev.rigging.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git repository in a temporary directory, with commits made through JGit. */
final class GitFixture implements AutoCloseable {
  /** The example policies of the repository, beside the cli module. */
  static final Path POLICIES = Path.of("../policies").toAbsolutePath().normalize();

  private final Git git;
  private final Path top;
  private int commits;

  private GitFixture(Git git, Path top) {
    this.git = git;
    this.top = top;
  }

  static GitFixture init(Path dir) {
    try {
      return new GitFixture(
          Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  Path top() {
    return top;
  }

  /** Writes {@code text} to {@code path} (relative to the top), creating directories. */
  GitFixture write(String path, String text) {
    try {
      Path file = top.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies an example policy file, e.g. {@code callme/callme.mesh}, to {@code path}. */
  GitFixture copy(String example, String path) {
    return write(path, example(example));
  }

  static String example(String example) {
    try {
      return Files.readString(POLICIES.resolve(example));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GitFixture delete(String path) {
    try {
      Files.delete(top.resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits every change, at a fixed time so that commit ids do not depend on the clock. */
  String commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent who =
          new PersonIdent(
              "Rigging Test",
              "test@rigging.dev",
              java.util.Date.from(Instant.ofEpochSecond(1_800_000_000L + 60L * commits++)),
              TimeZone.getTimeZone("UTC"));
      return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks out {@code branch}, creating it at HEAD first when {@code create}. */
  GitFixture checkout(String branch, boolean create) {
    try {
      git.checkout().setName(branch).setCreateBranch(create).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  GitFixture tag(String name) {
    try {
      git.tag().setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
