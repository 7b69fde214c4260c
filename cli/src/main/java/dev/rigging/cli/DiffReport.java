package dev.rigging.cli;

import dev.rigging.compiler.Compilation;
import dev.rigging.diff.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code rig diff} found: per mesh its changes, or per broken revision its diagnostics.
 *
 * @param base how the base revision is named, e.g. {@code main (1a2b3c4)}
 * @param head how the head revision is named
 */
record DiffReport(String base, String head, List<MeshChanges> meshes, List<Errors> errors) {
  DiffReport(String base, String head) {
    this(base, head, new ArrayList<>(), new ArrayList<>());
  }

  boolean changed() {
    return meshes.stream().anyMatch(m -> !m.changes().isEmpty());
  }

  /** The changes of one mesh, named by its path (relative to the repository's top). */
  record MeshChanges(String path, String mesh, List<Change> changes) {}

  /** A revision of one mesh that does not compile. */
  record Errors(String path, String side, String revision, Compilation compilation) {}
}
