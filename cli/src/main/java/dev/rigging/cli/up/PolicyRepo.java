package dev.rigging.cli.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The policy source repository {@code rig up} works on: a copy of the given policy in its own Git
 * repository, so every compile names a real source revision and users may edit the copy freely.
 */
final class PolicyRepo {
  private static final PersonIdent AUTHOR = new PersonIdent("rig up", "rig-up@localhost");
  private static final Pattern SPLIT =
      Pattern.compile(
          "split\\s+([a-z][a-z0-9-]*)\\s+[0-9.]+%\\s*,\\s*([a-z][a-z0-9-]*)\\s+[0-9.]+%");

  private final Path dir;

  private PolicyRepo(Path dir) {
    this.dir = dir;
  }

  /** Copies the {@code .mesh} files of {@code source} into {@code dir} and commits them. */
  static PolicyRepo create(Path source, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(p -> p.toString().endsWith(".mesh")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException(source + " holds no .mesh files");
    }
    for (Path file : files) {
      Path target = dir.resolve(source.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("policy from " + source)
          .setAuthor(AUTHOR)
          .setCommitter(AUTHOR)
          .setSign(false)
          .call();
    } catch (GitAPIException e) {
      throw new IOException("cannot create the policy repository: " + e.getMessage(), e);
    }
    return new PolicyRepo(dir);
  }

  Path dir() {
    return dir;
  }

  /** Commits whatever changed in the copy; returns the new revision, or empty if nothing did. */
  Optional<String> commitEdits(String message) throws IOException {
    try (Git git = Git.open(dir.toFile())) {
      if (git.status().call().isClean()) {
        return Optional.empty();
      }
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      return Optional.of(
          git.commit()
              .setMessage(message)
              .setAuthor(AUTHOR)
              .setCommitter(AUTHOR)
              .setSign(false)
              .call()
              .name());
    } catch (GitAPIException e) {
      throw new IOException("cannot commit the policy edit: " + e.getMessage(), e);
    }
  }

  /** The current revision. */
  String head() throws IOException {
    try (Git git = Git.open(dir.toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  /**
   * The demo's change: the first two-way {@code split} becomes {@code to <second version>}. Returns
   * a description of it, or empty when the policy has no such split.
   */
  Optional<String> shiftSplitToSecond() throws IOException {
    for (Path file : meshFiles()) {
      String text = Files.readString(file);
      Matcher m = SPLIT.matcher(text);
      if (m.find()) {
        String updated =
            text.substring(0, m.start()) + "to " + m.group(2) + text.substring(m.end());
        Files.writeString(file, updated);
        return Optional.of("all traffic to " + m.group(2) + " (was: " + m.group() + ")");
      }
    }
    return Optional.empty();
  }

  /** A fingerprint of the policy files, to notice edits. */
  long fingerprint() throws IOException {
    long sum = 0;
    for (Path file : meshFiles()) {
      sum =
          sum * 31
              + Files.getLastModifiedTime(file).toMillis()
              + Files.size(file) * 7
              + file.hashCode();
    }
    return sum;
  }

  /** The first policy file, the one to point users at. */
  Path mainFile() throws IOException {
    return meshFiles().get(0);
  }

  private List<Path> meshFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".mesh"))
          .filter(p -> !p.toString().contains("/.git/"))
          .sorted(Comparator.naturalOrder())
          .toList();
    }
  }
}
