package dev.rigging.compiler.stages;

import java.util.List;

/**
 * The compiler's stages, in the order they run. Order matters: symbol tables before anything that
 * looks names up; service shapes before destinations (versions must be known); resolved
 * destinations before rules are lowered; lowered rules before shadowing and topology; the IR only
 * from an error-free mesh; and a last integrity check before emitting.
 */
public final class Stages {
  public static final List<Stage> ALL =
      List.of(
          new CollectDeclarations(),
          new CheckServices(),
          new CheckGateways(),
          new ResolveReferences(),
          new CheckRoutes(),
          new CheckAuthz(),
          new AnalyseShadowing(),
          new CheckTopology(),
          new AssembleMesh(),
          new CheckReferenceIntegrity());

  private Stages() {}
}
