package dev.rigging.cli;

import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.compiler.SourceReader;
import dev.rigging.diag.HumanRenderer;
import dev.rigging.dsl.MeshFormatter;
import dev.rigging.dsl.MeshParser;
import dev.rigging.dsl.ParseResult;
import dev.rigging.istio.IstioImport;
import dev.rigging.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig import istio}: Istio traffic and security resources as a `.mesh` file. */
@Command(
    name = "istio",
    header = "Translate Istio VirtualService, DestinationRule and AuthorizationPolicy YAML.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Reads Istio resources (networking.istio.io v1, v1beta1, v1alpha3; security.istio.io v1, "
          + "v1beta1) and writes one .mesh file with the same routes, traffic policy and "
          + "authorization, laid over the mesh given with --services (which declares the "
          + "services, their ports, versions and endpoints: Istio leaves those to Kubernetes).",
      "",
      "Anything without an equivalent in the language is an error at its line and column in "
          + "the YAML, never dropped. The result is checked with the mesh before it is written; "
          + "nothing is written when there is any error.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig import istio reviews-v2.yaml --services policies/bookinfo/mesh --out imported/",
      "  rig import istio *.yaml --services mesh/ > istio.mesh",
      "",
      "Exit codes:",
      "  0  written (or printed)",
      "  1  something cannot be imported, or the result does not check",
      "  2  bad usage, unreadable file, refused or failed write"
    })
final class ImportIstioCommand implements Callable<Integer> {
  /** The name of the file written into --out. */
  static final String OUTPUT = "istio.mesh";

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Istio YAML files (several documents each allowed).")
  List<Path> files;

  @Option(
      names = "--services",
      required = true,
      paramLabel = "PATH",
      description =
          "The mesh the resources apply to: .mesh files or directories declaring the services."
              + " Repeatable.")
  List<Path> services;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write DIR/" + OUTPUT + " (imports relative to DIR); default: print to stdout.")
  Path out;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Compilation mesh = new Compiler().compile(services);
    CheckCommand.requireSources(mesh, services);
    if (mesh.hasErrors()) {
      err.println("rig: the mesh given with --services has errors:");
      err.print(HumanRenderer.render(mesh.diagnostics(), mesh.dropped()));
      err.flush();
      return ExitCodes.POLICY_ERRORS;
    }
    IstioImport importer = new IstioImport(mesh);
    for (Path file : files) {
      try {
        importer.add(DisplayPath.of(file), Files.readString(file));
      } catch (IOException e) {
        throw new CliFailure("cannot read `" + file + "`: " + CliFailure.describe(e), e);
      }
    }
    Path dir = out != null ? out : Path.of("");
    IstioImport.Result result = importer.finish(dir);
    if (result.text().isEmpty()) {
      err.print(HumanRenderer.render(result.diagnostics(), 0));
      err.flush();
      return ExitCodes.POLICY_ERRORS;
    }
    Path target = dir.resolve(OUTPUT).toAbsolutePath().normalize();
    String text = canonical(target, result.text().get());
    Compilation check = checkWithMesh(target, text);
    if (check.hasErrors()) {
      err.println("rig: the imported policy does not check with the mesh:");
      err.print(HumanRenderer.render(check.diagnostics(), check.dropped()));
      err.flush();
      return ExitCodes.POLICY_ERRORS;
    }
    if (out == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        AtomicFile.write(target, text);
      } else {
        // Written beside and renamed into place, so a reader never sees half a file.
        Path temp =
            target.resolveSibling("." + OUTPUT + ".rig-import-" + ProcessHandle.current().pid());
        Files.writeString(temp, text);
        Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new CliFailure("cannot write `" + target + "`: " + CliFailure.describe(e), e);
    }
    err.println("rig: wrote " + DisplayPath.of(out.resolve(OUTPUT)));
    err.flush();
    return ExitCodes.OK;
  }

  /** Returns the text as {@code rig fmt} writes it. */
  private static String canonical(Path target, String text) {
    ParseResult parsed = new MeshParser().parse(SourceFile.of(target.toString(), text));
    if (parsed.hasErrors() || parsed.file().isEmpty()) {
      throw new IllegalStateException(
          "rig import istio produced text that does not parse: "
              + parsed.diagnostics()
              + "\n"
              + text);
    }
    return MeshFormatter.format(parsed.file().get());
  }

  /** Compiles the new file as if written, reading every other file from disk. */
  private static Compilation checkWithMesh(Path target, String text) {
    SourceReader reader = path -> path.equals(target) ? text : Files.readString(path);
    return new Compiler(reader).compile(List.of(target));
  }
}
