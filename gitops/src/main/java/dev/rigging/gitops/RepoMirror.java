package dev.rigging.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A bare local copy of one branch of a repository, fetched on demand.
 *
 * <p>Failures are told apart: a remote that cannot be reached is reported as {@link Unreachable}
 * and the copy is kept (what it already holds is still good), while a copy that is itself damaged
 * is deleted and cloned again.
 */
public final class RepoMirror implements AutoCloseable {
  /** The remote could not be reached or refused us; the local copy is intact. */
  public static final class Unreachable extends GitOpsException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final String url;
  private final String branch;
  private final Path dir;
  private final CredentialsProvider credentials;
  private Repository repository;
  private int reclones;

  private RepoMirror(String url, String branch, Path dir, CredentialsProvider credentials) {
    this.url = url;
    this.branch = branch;
    this.dir = dir;
    this.credentials = credentials;
  }

  /** Returns a mirror kept in {@code dir}; nothing is fetched until {@link #fetch()}. */
  public static RepoMirror at(String url, String branch, Path dir, CredentialsProvider creds) {
    return new RepoMirror(url, branch, dir, creds);
  }

  /** How many times the local copy was found damaged and cloned again. */
  public int reclones() {
    return reclones;
  }

  /**
   * Fetches the branch and returns its tip, or empty when the remote has no such branch yet.
   *
   * @throws Unreachable when the remote cannot be reached; the local copy stays as it was
   */
  public Optional<ObjectId> fetch() throws GitOpsException {
    try {
      return fetchOnce();
    } catch (Unreachable e) {
      if (healthy()) {
        throw e;
      }
      // A damaged copy can make a healthy remote look unreachable; start over once.
    } catch (GitOpsException | RuntimeException e) {
      // Anything else is the local copy's fault.
    }
    recloneFresh();
    return fetchOnce();
  }

  private Optional<ObjectId> fetchOnce() throws GitOpsException {
    try {
      Repository repo = open();
      String ref = Constants.R_HEADS + branch;
      try (Git git = new Git(repo)) {
        try {
          git.fetch()
              .setRemote(url)
              .setCredentialsProvider(credentials)
              .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
              .call();
        } catch (TransportException e) {
          // A reachable remote without the branch fails the same way; ask which it is.
          boolean hasBranch =
              git
                  .lsRemote()
                  .setRemote(url)
                  .setCredentialsProvider(credentials)
                  .setHeads(true)
                  .call()
                  .stream()
                  .anyMatch(r -> r.getName().equals(ref));
          if (hasBranch) {
            throw e;
          }
          return Optional.empty();
        }
      }
      Ref tip = repo.exactRef(ref);
      if (tip == null || tip.getObjectId() == null) {
        return Optional.empty();
      }
      // Reading the commit proves the objects we were handed are really there.
      try (RevWalk walk = new RevWalk(repo)) {
        walk.parseCommit(tip.getObjectId()).getTree();
      }
      return Optional.of(tip.getObjectId());
    } catch (TransportException | InvalidRemoteException e) {
      throw new Unreachable("cannot fetch " + branch + " from " + url + ": " + e.getMessage(), e);
    } catch (GitAPIException | IOException e) {
      throw new GitOpsException("local copy of " + url + " is unusable: " + e.getMessage(), e);
    }
  }

  /** Returns the commit {@code id}, parsed with its headers and message. */
  public RevCommit commit(ObjectId id) throws GitOpsException {
    try (RevWalk walk = new RevWalk(open())) {
      return walk.parseCommit(id);
    } catch (IOException e) {
      throw new GitOpsException("cannot read commit " + id.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the files directly under {@code directory} in {@code commit}, by name, in tree order;
   * empty when the directory is absent.
   */
  public Map<String, byte[]> files(ObjectId commit, String directory) throws GitOpsException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Repository repo = open();
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(commit).getTree());
      tree.setRecursive(true);
      tree.setFilter(PathFilter.create(directory));
      String prefix = directory + "/";
      while (tree.next()) {
        String path = tree.getPathString();
        String name = path.substring(prefix.length());
        if (path.startsWith(prefix) && name.indexOf('/') < 0) {
          files.put(name, repo.open(tree.getObjectId(0)).getBytes());
        }
      }
      return files;
    } catch (IOException e) {
      throw new GitOpsException(
          "cannot read " + directory + " at " + commit.name() + ": " + e.getMessage(), e);
    }
  }

  /** The local copy, for building commits in it. */
  Repository repository() throws GitOpsException {
    return open();
  }

  private Repository open() throws GitOpsException {
    if (repository != null) {
      return repository;
    }
    try {
      if (!Files.isDirectory(dir.resolve("objects"))) {
        Files.createDirectories(dir);
        Git.init().setBare(true).setDirectory(dir.toFile()).call().close();
      }
      repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
      return repository;
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw new GitOpsException("cannot open local copy " + dir + ": " + e.getMessage(), e);
    }
  }

  private boolean healthy() {
    try {
      Repository repo = open();
      Ref tip = repo.exactRef(Constants.R_HEADS + branch);
      if (tip != null) {
        try (RevWalk walk = new RevWalk(repo)) {
          walk.parseCommit(tip.getObjectId()).getTree();
        }
      }
      return true;
    } catch (GitOpsException | IOException | RuntimeException e) {
      return false;
    }
  }

  private void recloneFresh() throws GitOpsException {
    close();
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      throw new GitOpsException("cannot remove damaged copy " + dir + ": " + e.getMessage(), e);
    }
    reclones++;
  }

  @Override
  public void close() {
    if (repository != null) {
      repository.close();
      repository = null;
    }
  }
}
