package dev.rigging.dsl.ast;

import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.util.List;

/** One parsed `.mesh` file. Declarations keep their source order. */
public record MeshFile(
    SourceFile source,
    Name mesh,
    Span header,
    List<Import> imports,
    List<Decl> decls,
    List<Comment> comments) {

  public MeshFile {
    imports = List.copyOf(imports);
    decls = List.copyOf(decls);
    comments = List.copyOf(comments);
  }

  /** {@code import "other.mesh"}: the path is relative to the importing file. */
  public record Import(Literal path, Span span) {}
}
