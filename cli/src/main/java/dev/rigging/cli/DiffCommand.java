package dev.rigging.cli;

import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.diff.Change;
import dev.rigging.diff.MeshDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig diff}: what a change to the policy does to traffic, between two Git revisions. */
@Command(
    name = "diff",
    header = "Show what changes for traffic between two revisions of the policy.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Compiles the policy at two revisions of the Git repository and compares the results: "
          + "routes, split weights, faults, timeouts, retries, mirrors, rewrites, traffic policy "
          + "(circuit breakers, outlier detection) and who may call what. Compares meaning, not "
          + "text: reformatting or reordering that leaves traffic as it was shows no change.",
      "",
      "BASE is a revision (branch, tag, SHA, HEAD~1, ...). HEAD is a revision too; without it the "
          + "working tree is compared, uncommitted edits included (in CI, the checkout of the "
          + "pull request). Revisions are read from Git, never checked out.",
      "",
      "Each --paths value is one mesh: a .mesh file or a directory (every .mesh below it), with "
          + "its imports. Without --paths, every .mesh file of the repository is one mesh.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig diff main                                    working tree against main",
      "  rig diff origin/main HEAD --paths policies/callme --format markdown",
      "  rig diff HEAD~1 HEAD --paths policies/bookinfo/all-v1 --paths policies/callme",
      "",
      "Exit codes:",
      "  0  no change to traffic",
      "  1  the policy has errors at one of the revisions (diagnostics name the revision)",
      "  2  bad usage (unknown revision, path outside the repository) or internal error",
      "  3  traffic changes"
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "BASE",
      description = "The revision to compare against. Example: origin/main")
  String base;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "HEAD",
      description = "The revision to compare; default: the working tree. Example: HEAD")
  String head;

  @Option(
      names = "--paths",
      paramLabel = "PATH",
      description =
          "A mesh to compare: a .mesh file or a directory; repeatable. Relative paths are relative"
              + " to the working directory. Default: the whole repository as one mesh. Example:"
              + " --paths policies/callme")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "The Git repository (default: the one containing the working directory). Example: --repo"
              + " ../policies")
  Path repo;

  @Option(
      names = "--format",
      paramLabel = "text|json|markdown",
      converter = DiffFormat.Converter.class,
      defaultValue = "text",
      description =
          "text: for terminals. json: one document (schema rigging.diff/v1). markdown: for a "
              + "pull-request comment. All on stdout; diagnostics of a broken revision also go to "
              + "stderr. Example: --format markdown")
  DiffFormat format = DiffFormat.TEXT;

  @Override
  public Integer call() {
    try (Repository repository = open()) {
      if (repository.isBare()) {
        throw new CliFailure(
            "`" + repository.getDirectory() + "` is a bare repository: no working tree");
      }
      Path top = repository.getWorkTree().toPath().toAbsolutePath().normalize();
      PolicyRevision before = PolicyRevision.Commit.resolve(repository, base);
      PolicyRevision after =
          head == null
              ? new PolicyRevision.WorkTree(top)
              : PolicyRevision.Commit.resolve(repository, head);
      List<String> units = units(top);
      DiffReport report = new DiffReport(before.label(), after.label());
      for (String unit : units) {
        String shown = unit.isEmpty() ? "." : unit;
        Side was = compile(before, top, unit);
        Side now = compile(after, top, unit);
        if (was.files == 0 && now.files == 0) {
          throw new CliFailure(
              "no .mesh files at `"
                  + (unit.isEmpty() ? "." : unit)
                  + "` in "
                  + before.label()
                  + " or "
                  + after.label());
        }
        if (was.failed() || now.failed()) {
          if (was.failed()) {
            report
                .errors()
                .add(new DiffReport.Errors(shown, "base", before.label(), was.compilation));
          }
          if (now.failed()) {
            report
                .errors()
                .add(new DiffReport.Errors(shown, "head", after.label(), now.compilation));
          }
          continue;
        }
        Optional<Mesh> meshBefore = was.mesh();
        Optional<Mesh> meshAfter = now.mesh();
        List<Change> changes = MeshDiff.compare(meshBefore, meshAfter);
        String name = meshAfter.or(() -> meshBefore).map(Mesh::name).orElse("");
        report.meshes().add(new DiffReport.MeshChanges(shown, name, changes));
      }
      DiffOutput.print(report, format, spec.commandLine().getOut(), spec.commandLine().getErr());
      if (!report.errors().isEmpty()) {
        return ExitCodes.POLICY_ERRORS;
      }
      return report.changed() ? ExitCodes.CHANGED : ExitCodes.OK;
    }
  }

  private Repository open() {
    Path start = (repo != null ? repo : Path.of("")).toAbsolutePath().normalize();
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().readEnvironment().findGitDir(start.toFile());
    if (builder.getGitDir() == null) {
      throw new CliFailure("not in a Git repository: " + start + " (use --repo DIR)");
    }
    try {
      return builder.build();
    } catch (IOException e) {
      throw new CliFailure(
          "cannot open the Git repository at " + start + ": " + CliFailure.describe(e), e);
    }
  }

  /** Returns each --paths value relative to the repository's top; "" for the whole tree. */
  private List<String> units(Path top) {
    if (paths.isEmpty()) {
      return List.of("");
    }
    List<String> units = new ArrayList<>();
    for (Path path : paths) {
      Path absolute = path.toAbsolutePath().normalize();
      if (!absolute.startsWith(top)) {
        throw new CliFailure("`" + path + "` is outside the repository " + top);
      }
      units.add(top.relativize(absolute).toString().replace('\\', '/'));
    }
    return units;
  }

  /** One revision of one mesh: how many files it had, and its compilation when it had any. */
  private record Side(int files, Compilation compilation) {
    boolean failed() {
      return compilation != null && compilation.hasErrors();
    }

    Optional<Mesh> mesh() {
      return compilation == null ? Optional.empty() : compilation.mesh();
    }
  }

  private static Side compile(PolicyRevision revision, Path top, String unit) {
    List<String> files = revision.meshFiles(unit);
    if (files.isEmpty()) {
      return new Side(0, null);
    }
    List<Path> roots = files.stream().map(top::resolve).toList();
    return new Side(files.size(), new Compiler(revision.reader(), top).compile(roots));
  }
}
