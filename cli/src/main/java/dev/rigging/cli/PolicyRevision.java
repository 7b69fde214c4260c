package dev.rigging.cli;

import dev.rigging.compiler.SourceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The policy files of one revision, read in memory: a Git commit's tree, or the working tree. Paths
 * are relative to the repository's top, with {@code /} separators; the empty path is the whole
 * tree.
 */
sealed interface PolicyRevision {
  /**
   * Returns how reports name this revision, e.g. {@code main (1a2b3c4)} or {@code working tree}.
   */
  String label();

  /** Returns the {@code .mesh} files at {@code path} (the file itself, or every one below it). */
  List<String> meshFiles(String path);

  /** Returns a reader of this revision's files by absolute path under the repository's top. */
  SourceReader reader();

  /** A commit, read through JGit without touching the working tree. */
  record Commit(Repository repository, Path top, String revision, RevCommit commit)
      implements PolicyRevision {
    /** Resolves {@code revision} (a branch, tag, SHA or expression like {@code HEAD~1}). */
    static Commit resolve(Repository repository, String revision) {
      try {
        ObjectId id = repository.resolve(revision + "^{commit}");
        if (id == null) {
          throw new CliFailure(
              "unknown revision `" + revision + "` in " + repository.getWorkTree());
        }
        try (RevWalk walk = new RevWalk(repository)) {
          return new Commit(
              repository, repository.getWorkTree().toPath(), revision, walk.parseCommit(id));
        }
      } catch (org.eclipse.jgit.errors.RevisionSyntaxException e) {
        throw new CliFailure("not a revision: `" + revision + "`");
      } catch (IOException e) {
        throw new CliFailure(
            "cannot read revision `" + revision + "`: " + CliFailure.describe(e), e);
      }
    }

    @Override
    public String label() {
      return revision + " (" + commit.abbreviate(7).name() + ")";
    }

    @Override
    public List<String> meshFiles(String path) {
      RevTree tree = commit.getTree();
      List<String> files = new ArrayList<>();
      try (TreeWalk walk = new TreeWalk(repository)) {
        walk.addTree(tree);
        walk.setRecursive(true);
        if (!path.isEmpty()) {
          walk.setFilter(PathFilter.create(path));
        }
        while (walk.next()) {
          if (walk.getPathString().endsWith(".mesh")) {
            files.add(walk.getPathString());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.sort(null);
      return files;
    }

    @Override
    public SourceReader reader() {
      return absolute -> {
        String relative = top.relativize(absolute).toString().replace('\\', '/');
        try (TreeWalk walk = TreeWalk.forPath(repository, relative, commit.getTree())) {
          if (walk == null
              || walk.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
            throw new NoSuchFileException(relative);
          }
          byte[] bytes = repository.open(walk.getObjectId(0)).getBytes();
          return new String(bytes, StandardCharsets.UTF_8);
        }
      };
    }
  }

  /** The files on disk, uncommitted edits included. */
  record WorkTree(Path top) implements PolicyRevision {
    @Override
    public String label() {
      return "working tree";
    }

    @Override
    public List<String> meshFiles(String path) {
      Path root = path.isEmpty() ? top : top.resolve(path);
      if (!Files.exists(root)) {
        return List.of();
      }
      try (Stream<Path> walk = Files.walk(root)) {
        return walk.filter(p -> p.toString().endsWith(".mesh") && Files.isRegularFile(p))
            .filter(p -> !top.relativize(p).startsWith(".git"))
            .map(p -> top.relativize(p).toString().replace('\\', '/'))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new CliFailure("cannot read `" + path + "`: " + CliFailure.describe(e), e);
      }
    }

    @Override
    public SourceReader reader() {
      return SourceReader.FILES;
    }
  }
}
