package dev.rigging.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Git trees built from, and compared against, a directory of compiled output. */
final class OutputTree {
  private OutputTree() {}

  /**
   * Inserts every regular file under {@code root} at {@code prefix} (empty: the top) of a tree that
   * keeps everything of {@code base} outside {@code prefix}; returns that tree.
   *
   * @param base the tree to start from, or null for none
   */
  static ObjectId insert(
      Repository repo, ObjectInserter inserter, Path root, String prefix, ObjectId base)
      throws IOException, GitOpsException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new GitOpsException(root + ": nothing to commit, the output directory is empty");
    }
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    String under = prefix.isEmpty() ? "" : prefix + "/";
    if (base != null && !prefix.isEmpty()) {
      try (TreeWalk walk = new TreeWalk(repo)) {
        walk.addTree(base);
        walk.setRecursive(true);
        while (walk.next()) {
          if (!walk.getPathString().startsWith(under)) {
            DirCacheEntry kept = new DirCacheEntry(walk.getPathString());
            kept.setFileMode(walk.getFileMode(0));
            kept.setObjectId(walk.getObjectId(0));
            builder.add(kept);
          }
        }
      }
    }
    for (Path file : files) {
      String path =
          under
              + root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      DirCacheEntry entry = new DirCacheEntry(path);
      entry.setFileMode(FileMode.REGULAR_FILE);
      entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(file)));
      builder.add(entry);
    }
    builder.finish();
    return index.writeTree(inserter);
  }

  /** Returns the files that differ between two trees; {@code before} may be null (no parent). */
  static List<TreeChange> changes(Repository repo, ObjectId before, ObjectId after)
      throws IOException {
    List<TreeChange> changes = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      if (before == null) {
        walk.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
      } else {
        walk.addTree(before);
      }
      walk.addTree(after);
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        boolean inBefore = !FileMode.MISSING.equals(walk.getRawMode(0));
        boolean inAfter = !FileMode.MISSING.equals(walk.getRawMode(1));
        TreeChange.Kind kind =
            inBefore && inAfter
                ? TreeChange.Kind.MODIFIED
                : inAfter ? TreeChange.Kind.ADDED : TreeChange.Kind.DELETED;
        changes.add(new TreeChange(kind, walk.getPathString()));
      }
    }
    changes.sort(null);
    return changes;
  }
}
