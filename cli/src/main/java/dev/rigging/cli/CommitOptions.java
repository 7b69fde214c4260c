package dev.rigging.cli;

import dev.rigging.gitops.CommitSigner;
import dev.rigging.gitops.GitCredentials;
import dev.rigging.gitops.GitOpsException;
import dev.rigging.gitops.GitTarget;
import dev.rigging.gitops.OutputCommitter;
import dev.rigging.gitops.SourceRevision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.RawParseUtils;
import picocli.CommandLine.Option;

/** {@code rig compile --commit}: the options that put compiled output into a Git branch. */
final class CommitOptions {
  @Option(
      names = "--commit",
      description =
          "Commit the compiled output as the whole tree of --branch in --repo: one commit per "
              + "change, none when nothing changed, published atomically. Example: --commit")
  boolean commit;

  @Option(
      names = "--repo",
      paramLabel = "PATH|URL",
      description =
          "The output repository: a local path (created bare when missing) or a remote URL "
              + "(https, ssh, file), cloned, committed and pushed. Example: --repo ../gitops.git")
  String repo;

  @Option(
      names = "--branch",
      paramLabel = "BRANCH",
      defaultValue = "main",
      description = "Branch to commit to (default: ${DEFAULT-VALUE}). Example: --branch staging")
  String branch;

  @Option(
      names = "--commit-path",
      paramLabel = "DIR",
      defaultValue = "",
      description =
          "Put the output under this directory of the branch, replacing only what is there, so"
              + " several meshes can share one branch (default: the whole tree). Example:"
              + " --commit-path meshes/payments")
  String commitPath;

  @Option(
      names = "--source-rev",
      paramLabel = "REV",
      description =
          "The policy revision named in the commit message (default: the commit the policy files"
              + " are in, -dirty when edited, or `unversioned`). Example: --source-rev"
              + " $CI_COMMIT_SHA")
  String sourceRevision;

  @Option(
      names = "--sign-key",
      paramLabel = "FILE",
      description =
          "Sign the commit with this OpenPGP secret key (armored); a passphrase is read from "
              + "RIG_SIGN_PASSPHRASE. Example: --sign-key ci-signing.asc")
  Path signKey;

  @Option(
      names = "--author",
      paramLabel = "'NAME <EMAIL>'",
      defaultValue = "rigging <rigging@localhost>",
      description =
          "Author and committer (default: ${DEFAULT-VALUE}). Example: --author 'CI Bot"
              + " <ci@example.com>'")
  String author;

  @Option(
      names = "--git-cache",
      paramLabel = "DIR",
      description =
          "Where a remote --repo is cloned and kept between runs (default: "
              + "~/.cache/rigging/git/<hash of the URL>). Example: --git-cache /var/cache/rigging")
  Path cacheDir;

  /** Returns whether the options are usable together, or what is wrong. */
  Optional<String> problem() {
    if (!commit) {
      return repo != null || signKey != null || sourceRevision != null
          ? Optional.of("--repo, --sign-key and --source-rev need --commit")
          : Optional.empty();
    }
    if (repo == null) {
      return Optional.of("--commit needs --repo PATH|URL");
    }
    try {
      OutputCommitter.subdirectory(commitPath);
    } catch (IllegalArgumentException e) {
      return Optional.of("--commit-path: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** Commits {@code tree}, compiled from {@code sources}, as the options say. */
  OutputCommitter.Outcome commit(Path tree, List<Path> sources, String compiler) {
    GitTarget target = GitTarget.parse(repo);
    try {
      Optional<CommitSigner> signer = Optional.empty();
      if (signKey != null) {
        String passphrase = System.getenv().getOrDefault("RIG_SIGN_PASSPHRASE", "");
        signer = Optional.of(CommitSigner.fromSecretKeyFile(signKey, passphrase.toCharArray()));
      }
      return OutputCommitter.commit(
          new OutputCommitter.Request(
              target,
              branch,
              tree,
              commitPath,
              sourceRevision != null ? sourceRevision : SourceRevision.of(sources),
              compiler,
              ident(),
              signer,
              cacheDir != null ? cacheDir : defaultCache(target.display()),
              GitCredentials.fromEnvironment()));
    } catch (GitOpsException e) {
      throw new CliFailure("cannot commit to `" + target.display() + "`: " + e.getMessage(), e);
    }
  }

  private PersonIdent ident() {
    PersonIdent parsed = RawParseUtils.parsePersonIdent(author + " 0 +0000");
    if (parsed == null || parsed.getName().isBlank() || parsed.getEmailAddress().isBlank()) {
      throw new CliFailure("--author must look like 'Name <email>', got `" + author + "`");
    }
    return new PersonIdent(parsed.getName(), parsed.getEmailAddress());
  }

  private static Path defaultCache(String url) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return Path.of(System.getProperty("user.home"), ".cache", "rigging", "git")
          .resolve(HexFormat.of().formatHex(hash, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
