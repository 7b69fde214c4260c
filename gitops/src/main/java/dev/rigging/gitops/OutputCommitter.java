package dev.rigging.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.util.FS;

/**
 * Commits a directory of compiled output as the whole tree of one branch.
 *
 * <p>The commit is built from objects — never through a work tree — and published by a
 * compare-and-swap ref update (local) or a fast-forward push (remote), so readers see the old tree
 * or the new one and nothing in between. A tree equal to the branch's current tree makes no commit.
 */
public final class OutputCommitter {
  private static final int PUSH_ATTEMPTS = 3;

  /**
   * What to commit where.
   *
   * @param target the repository
   * @param branch the branch to commit to (created when missing)
   * @param tree the directory whose files become the commit's tree
   * @param subdirectory where in the branch's tree they go, replacing only what is there; empty for
   *     the whole tree
   * @param sourceRevision the policy revision that was compiled, named in the message
   * @param compiler the compiler's name and version, named in the message
   * @param author author and committer of the commit
   * @param signer signs the commit when present
   * @param cacheDir where a remote is cloned; reused across runs when it persists
   * @param credentials for remotes
   */
  public record Request(
      GitTarget target,
      String branch,
      Path tree,
      String subdirectory,
      String sourceRevision,
      String compiler,
      PersonIdent author,
      Optional<CommitSigner> signer,
      Path cacheDir,
      CredentialsProvider credentials) {
    public Request {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(tree, "tree");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(signer, "signer");
      subdirectory = OutputCommitter.subdirectory(subdirectory);
    }
  }

  /**
   * Returns {@code path} as a directory inside a repository, slash-separated, without leading or
   * trailing slashes; empty for the top.
   *
   * @throws IllegalArgumentException when it would leave the repository or enter {@code .git}
   */
  public static String subdirectory(String path) {
    String normalized = path.replace('\\', '/').replaceAll("^/+|/+$", "");
    if (!normalized.isEmpty()) {
      for (String part : normalized.split("/")) {
        if (part.isEmpty() || part.equals(".") || part.equals("..") || part.equals(".git")) {
          throw new IllegalArgumentException("`" + path + "` is not a path inside a repository");
        }
      }
    }
    return normalized;
  }

  /** What committing did. */
  public sealed interface Outcome {
    /** A new commit is the branch's tip. */
    record Committed(String commit, List<TreeChange> changes, String message) implements Outcome {}

    /** The branch already holds exactly this tree; {@code head} is its tip. */
    record Unchanged(String head) implements Outcome {}
  }

  private OutputCommitter() {}

  /** Commits {@code request.tree()} to the target branch. */
  public static Outcome commit(Request request) throws GitOpsException {
    if (!Repository.isValidRefName(Constants.R_HEADS + request.branch())) {
      throw new GitOpsException("`" + request.branch() + "` is not a valid branch name");
    }
    return switch (request.target()) {
      case GitTarget.Local local -> commitLocal(local.path(), request);
      case GitTarget.Remote remote -> commitRemote(remote.url(), request);
    };
  }

  private static Outcome commitLocal(Path path, Request request) throws GitOpsException {
    try (Repository repo = openOrCreate(path, request)) {
      String ref = Constants.R_HEADS + request.branch();
      boolean checkedOut = !repo.isBare() && ref.equals(repo.getFullBranch());
      if (checkedOut) {
        requireClean(repo, path);
      }
      ObjectId parent = tip(repo, ref);
      Optional<Outcome.Committed> committed = build(repo, parent, request);
      if (committed.isEmpty()) {
        return new Outcome.Unchanged(parent.name());
      }
      ObjectId commit = ObjectId.fromString(committed.get().commit());
      RefUpdate update = repo.updateRef(ref);
      update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
      update.setNewObjectId(commit);
      update.setRefLogMessage("rig compile --commit", false);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
        throw new GitOpsException(
            path + ": branch " + request.branch() + " moved while committing (" + result + ")");
      }
      if (checkedOut) {
        // The branch was clean at the old commit; bring its work tree along.
        try (Git git = new Git(repo)) {
          git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
        }
      }
      return committed.get();
    } catch (IOException | GitAPIException e) {
      throw new GitOpsException(path + ": " + e.getMessage(), e);
    }
  }

  private static Outcome commitRemote(String url, Request request) throws GitOpsException {
    String ref = Constants.R_HEADS + request.branch();
    GitOpsException last = null;
    for (int attempt = 0; attempt < PUSH_ATTEMPTS; attempt++) {
      try (RepoMirror mirror =
          RepoMirror.at(url, request.branch(), request.cacheDir(), request.credentials())) {
        ObjectId parent = mirror.fetch().orElse(null);
        Repository repo = mirror.repository();
        Optional<Outcome.Committed> committed = build(repo, parent, request);
        if (committed.isEmpty()) {
          return new Outcome.Unchanged(parent.name());
        }
        String commit = committed.get().commit();
        try (Git git = new Git(repo)) {
          Iterable<PushResult> results =
              git.push()
                  .setRemote(url)
                  .setCredentialsProvider(request.credentials())
                  .setRefSpecs(new RefSpec(commit + ":" + ref))
                  .call();
          RemoteRefUpdate.Status status = pushStatus(results, ref);
          switch (status) {
            case OK, UP_TO_DATE -> {
              return committed.get();
            }
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
                last =
                    new GitOpsException(url + ": branch " + request.branch() + " moved; retrying");
            default ->
                throw new GitOpsException(
                    url + ": push of " + request.branch() + " refused (" + status + ")");
          }
        }
      } catch (GitAPIException e) {
        throw new GitOpsException(url + ": push failed: " + e.getMessage(), e);
      }
    }
    throw new GitOpsException(
        url
            + ": branch "
            + request.branch()
            + " kept moving; gave up after "
            + PUSH_ATTEMPTS
            + " attempts",
        last);
  }

  private static RemoteRefUpdate.Status pushStatus(Iterable<PushResult> results, String ref) {
    for (PushResult result : results) {
      RemoteRefUpdate update = result.getRemoteUpdate(ref);
      if (update != null) {
        return update.getStatus();
      }
    }
    return RemoteRefUpdate.Status.NOT_ATTEMPTED;
  }

  /** Builds the commit object, or nothing when the tree is unchanged. */
  private static Optional<Outcome.Committed> build(
      Repository repo, ObjectId parent, Request request) throws GitOpsException {
    try (ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      ObjectId parentTree = parent == null ? null : walk.parseCommit(parent).getTree().getId();
      ObjectId tree =
          OutputTree.insert(repo, inserter, request.tree(), request.subdirectory(), parentTree);
      if (tree.equals(parentTree)) {
        return Optional.empty();
      }
      List<TreeChange> changes = OutputTree.changes(repo, parentTree, tree);
      String message = CommitMessage.of(request.sourceRevision(), request.compiler(), changes);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(request.author());
      commit.setCommitter(request.author());
      commit.setMessage(message);
      if (request.signer().isPresent()) {
        byte[] signature = request.signer().get().sign(commit.build());
        commit.setGpgSignature(new GpgSignature(signature));
      }
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return Optional.of(new Outcome.Committed(id.name(), changes, message));
    } catch (IOException e) {
      throw new GitOpsException("cannot build commit: " + e.getMessage(), e);
    }
  }

  private static ObjectId tip(Repository repo, String ref) throws IOException {
    var current = repo.exactRef(ref);
    return current == null ? null : current.getObjectId();
  }

  private static Repository openOrCreate(Path path, Request request)
      throws GitOpsException, IOException {
    java.io.File gitDir = RepositoryCache.FileKey.resolve(path.toFile(), FS.DETECTED);
    if (gitDir != null) {
      return new FileRepositoryBuilder()
          .setGitDir(gitDir)
          .setMustExist(true)
          .readEnvironment()
          .build();
    }
    if (Files.exists(path) && !isEmptyDirectory(path)) {
      throw new GitOpsException(
          path
              + ": exists but is not a Git repository (give an empty or new directory, or a repo)");
    }
    try {
      Files.createDirectories(path);
      return Git.init()
          .setBare(true)
          .setInitialBranch(request.branch())
          .setDirectory(path.toFile())
          .call()
          .getRepository();
    } catch (GitAPIException e) {
      throw new GitOpsException(path + ": cannot create repository: " + e.getMessage(), e);
    }
  }

  private static boolean isEmptyDirectory(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (var entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void requireClean(Repository repo, Path path)
      throws GitOpsException, GitAPIException {
    try (Git git = new Git(repo)) {
      if (!git.status().call().isClean()) {
        throw new GitOpsException(
            path
                + ": the branch is checked out with uncommitted changes; commit or stash them,"
                + " or commit to a bare repository");
      }
    }
  }
}
