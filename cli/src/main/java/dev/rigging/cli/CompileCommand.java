package dev.rigging.cli;

import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.emitters.envoy.EnvoyEmitter;
import dev.rigging.emitters.envoy.EnvoyOptions;
import dev.rigging.emitters.envoy.ProxyEmission;
import dev.rigging.emitters.kubernetes.KubernetesEmission;
import dev.rigging.emitters.kubernetes.KubernetesEmitter;
import dev.rigging.emitters.kubernetes.KubernetesOptions;
import dev.rigging.gitops.OutputCommitter;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import dev.rigging.validators.EnvoyValidator;
import dev.rigging.validators.kubernetes.KubernetesValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig compile}: check, emit Envoy configuration, validate it, write it atomically. */
@Command(
    name = "compile",
    header = "Compile policy into validated Envoy configuration under --out.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Compiles .mesh policy into Envoy v3 configuration: for every service a sidecar and for every"
          + " gateway a proxy, each as envoy/<proxy>/{bootstrap,listeners,clusters,routes}.json,"
          + " plus manifest.json (inputs and outputs with SHA-256 hashes).",
      "",
      "With --kubernetes it also writes kubernetes/<namespace>.yaml: the Namespace, a"
          + " ServiceAccount per proxy, a ConfigMap per workload (its proxy's configuration,"
          + " compiled for the pod), the Services and the Deployments (app and sidecar), in the"
          + " order kubectl apply needs them. Every manifest is validated against Kubernetes' own"
          + " API definitions before writing; a failure there is a rig bug (MESH0905, exit 2).",
      "",
      "On policy errors nothing is written. Every document is validated against Envoy's own API "
          + "before writing; a failure there is a rig bug (MESH0901, exit 2). The output directory "
          + "is replaced as a whole and atomically, and only if it is missing, empty, or was "
          + "written by rig. Same input, same bytes.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig compile policies/ --out build/envoy",
      "  rig compile policies/ --out build/envoy --timings",
      "  rig compile policies/ --out build/envoy --format json | jq .output",
      "  rig compile policies/ --out out --config-dir '/srv/envoy/{proxy}' \\",
      "      --cert-dir '/run/secrets/{proxy}'",
      "  rig compile policies/callme --out out --kubernetes \\",
      "      --image-template 'registry.example/{service}:{version}'",
      "  rig compile policies/ --commit --repo ../gitops.git --branch prod",
      "  rig compile policies/ --commit --repo https://git.example.com/mesh/out.git \\",
      "      --source-rev \"$CI_COMMIT_SHA\" --sign-key ci.asc",
      "",
      "Exit codes:",
      "  0  written (warnings allowed)",
      "  1  policy errors; nothing written",
      "  2  bad usage, refused or failed write, invalid Envoy output (MESH0901),",
      "     internal error"
    })
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FormatOption format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Directory to write the configuration to; created if missing, replaced as a whole. "
              + "Refused if it holds files but no rig manifest.json. Needed unless --commit. "
              + "Example: --out build/envoy")
  Path out;

  @Mixin CommitOptions git;

  @Option(
      names = "--timings",
      description =
          "Print how long each stage took (compiler stages, emit, validate, write) to stderr. "
              + "Example: --timings")
  boolean timings;

  @Option(
      names = "--config-dir",
      paramLabel = "TEMPLATE",
      description =
          "Where each proxy finds its listeners/clusters/routes.json at run time; {proxy} stands "
              + "for the proxy's name (default: ${DEFAULT-VALUE}). "
              + "Example: --config-dir '/srv/envoy/{proxy}'")
  String configDir = EnvoyOptions.defaults().configDir();

  @Option(
      names = "--cert-dir",
      paramLabel = "TEMPLATE",
      description =
          "Where each proxy finds cert.pem, key.pem and ca.pem at run time; {proxy} stands for "
              + "the proxy's name (default: ${DEFAULT-VALUE}). "
              + "Example: --cert-dir '/run/secrets/{proxy}'")
  String certDir = EnvoyOptions.defaults().certDir();

  @Option(
      names = "--kubernetes",
      description =
          "Also write Kubernetes manifests, kubernetes/<namespace>.yaml (see docs/KUBERNETES.md)."
              + " Example: --kubernetes")
  boolean kubernetes;

  @Mixin KubernetesFlags kubernetesFlags;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "A .mesh file or a directory of them. Example: policies/")
  List<Path> paths;

  /** The emit step; a test swaps in a faulty emitter to drive the MESH0901 path end to end. */
  BiFunction<EnvoyOptions, Mesh, List<ProxyEmission>> emitter =
      (options, mesh) -> new EnvoyEmitter(options).proxies(mesh);

  /** The Kubernetes emit step; a test swaps in broken templates to drive MESH0905 end to end. */
  BiFunction<KubernetesOptions, Mesh, KubernetesEmission> kubernetesEmitter =
      (options, mesh) -> new KubernetesEmitter(options).emit(mesh);

  @Override
  public Integer call() throws IOException {
    git.problem()
        .ifPresent(
            problem -> {
              throw new ParameterException(spec.commandLine(), problem);
            });
    if (out == null && !git.commit) {
      throw new ParameterException(spec.commandLine(), "give --out DIR, --commit, or both");
    }
    if (out != null) {
      return compile();
    }
    // Only committing: build the tree in a private directory, then let it go.
    Path scratch = java.nio.file.Files.createTempDirectory("rig-compile");
    out = scratch.resolve("out");
    try {
      return compile();
    } finally {
      try {
        OutputTree.deleteTree(scratch);
      } catch (IOException e) {
        // Left for the OS to clean: it is under the temp folder, and the result does not depend on
        // it.
      }
    }
  }

  private int compile() throws IOException {
    EnvoyOptions options = envoyOptions();
    Optional<KubernetesOptions> k8s = kubernetesOptions();
    PrintWriter err = spec.commandLine().getErr();
    Reporter reporter = new Reporter(format.format, spec.commandLine().getOut(), err);
    // Refuse a foreign directory before spending time compiling; checked again when swapping.
    OutputTree.checkReplaceable(out);

    // Building the validator's type registry takes about a second; overlap it with compiling.
    CompletableFuture<EnvoyValidator> validator =
        CompletableFuture.supplyAsync(EnvoyValidator::create);
    CompletableFuture<KubernetesValidator> k8sValidator =
        k8s.isPresent()
            ? CompletableFuture.supplyAsync(KubernetesValidator::create)
            : CompletableFuture.completedFuture(null);
    Compilation compilation = new Compiler().compile(paths);
    CheckCommand.requireSources(compilation, paths);
    Timings clock = new Timings();
    clock.addAll(compilation.timings());
    if (compilation.hasErrors() || compilation.mesh().isEmpty()) {
      reporter.report(
          compilation.diagnostics(), compilation.dropped(), json -> json.putNull("output"));
      printTimings(clock, err);
      if (!compilation.hasErrors()) {
        throw new CliFailure("no mesh to compile in the given paths");
      }
      return ExitCodes.POLICY_ERRORS;
    }
    Mesh mesh = compilation.mesh().get();

    List<ProxyEmission> proxies = clock.time("plan-proxies", () -> emitter.apply(options, mesh));
    var validation = new EnvoyValidation(clock.time("await-validator", validator::join));
    List<EmittedDocument> manifests = List.of();
    if (k8s.isPresent()) {
      KubernetesEmission emission =
          clock.time("emit-kubernetes", () -> kubernetesEmitter.apply(k8s.get(), mesh));
      List<Diagnostic> problems = new ArrayList<>(compilation.diagnostics());
      problems.addAll(emission.problems());
      if (emission.problems().isEmpty()) {
        var k8sValidation =
            new KubernetesValidation(clock.time("await-k8s-validator", k8sValidator::join));
        problems.addAll(
            clock.time(
                "validate-pod-proxies",
                () -> validatePodProxies(validation, emission, fallback(compilation))));
        problems.addAll(
            clock.time(
                "validate-kubernetes",
                () ->
                    emission.manifests().stream()
                        .flatMap(m -> k8sValidation.check(m, fallback(compilation)).stream())
                        .toList()));
      }
      if (problems.size() > compilation.diagnostics().size()) {
        problems.sort(Diagnostic.ORDER);
        reporter.report(problems, compilation.dropped(), json -> json.putNull("output"));
        printTimings(clock, err);
        return emission.problems().isEmpty()
            ? ExitCodes.USAGE_OR_INTERNAL
            : ExitCodes.POLICY_ERRORS;
      }
      manifests = new ArrayList<>(emission.manifests());
      manifests.addAll(emission.gitopsConfigs());
    }
    var pipeline =
        new ProxyPipeline(
            validation, fallback(compilation), Runtime.getRuntime().availableProcessors());
    int files;
    try (OutputTree.Staging staging = stage()) {
      long start = System.nanoTime();
      ProxyPipeline.Result result = pipeline.run(proxies, staging);
      clock.addParallel(
          "emit+validate+write", System.nanoTime() - start, result.threads(), result.parts());
      if (!result.invalid().isEmpty()) {
        // Closing the staging tree deletes it: nothing of this compile reaches --out.
        List<Diagnostic> all = new ArrayList<>(compilation.diagnostics());
        all.addAll(result.invalid());
        all.sort(Diagnostic.ORDER);
        reporter.report(all, compilation.dropped(), json -> json.putNull("output"));
        printTimings(clock, err);
        return ExitCodes.USAGE_OR_INTERNAL;
      }
      List<Manifest.Entry> outputs = new ArrayList<>(result.outputs());
      for (EmittedDocument manifest : manifests) {
        byte[] bytes = manifest.content().getBytes(StandardCharsets.UTF_8);
        outputs.add(Manifest.Entry.of(manifest.path(), bytes));
        staging.write(manifest.path(), bytes);
      }
      files = outputs.size() + 1;
      long swap = System.nanoTime();
      staging.write(Manifest.FILE, Manifest.render(mesh, outputs).getBytes(StandardCharsets.UTF_8));
      staging.commit();
      clock.add("manifest-and-swap", System.nanoTime() - swap);
    } catch (IOException e) {
      throw cannotWrite(e);
    }
    OutputCommitter.Outcome committed =
        git.commit ? git.commit(out, paths, Version.compiler()) : null;
    reporter.report(
        compilation.diagnostics(),
        compilation.dropped(),
        json -> {
          var output =
              json.putObject("output")
                  .put("dir", out.toString().replace('\\', '/'))
                  .put("mesh", mesh.name())
                  .put("files", files);
          if (committed != null) {
            CommitReport.json(committed, git.branch, output.putObject("commit"));
          }
        });
    if (committed == null) {
      reporter.status("wrote " + files + " files for mesh `" + mesh.name() + "` to " + out);
    } else {
      reporter.status(CommitReport.line(committed, git.branch, git.repo));
    }
    printTimings(clock, err);
    return ExitCodes.OK;
  }

  private OutputTree.Staging stage() {
    try {
      return OutputTree.stage(out);
    } catch (IOException e) {
      throw cannotWrite(e);
    }
  }

  private CliFailure cannotWrite(IOException e) {
    return new CliFailure("cannot write `" + out + "`: " + CliFailure.describe(e), e);
  }

  /** Where a violation points when the source map has nothing: the start of the first source. */
  private static Span fallback(Compilation compilation) {
    SourceFile first =
        compilation.sources().isEmpty()
            ? SourceFile.of("<unknown>", "")
            : compilation.sources().get(0);
    return new Span(first, 0, 0);
  }

  private EnvoyOptions envoyOptions() {
    try {
      return new EnvoyOptions(configDir, certDir);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid --config-dir or --cert-dir: " + e.getMessage());
    }
  }

  /**
   * Validates the proxy configurations in the ConfigMaps, one pod template's four documents per
   * session (they share resources), pod templates in parallel.
   */
  private static List<Diagnostic> validatePodProxies(
      EnvoyValidation validation, KubernetesEmission emission, Span fallback) {
    var byConfigMap = new java.util.LinkedHashMap<String, List<EmittedDocument>>();
    for (EmittedDocument doc : emission.proxyConfigs()) {
      String configMap = doc.path().substring(0, doc.path().lastIndexOf('/'));
      byConfigMap.computeIfAbsent(configMap, k -> new ArrayList<>()).add(doc);
    }
    return byConfigMap.values().parallelStream()
        .flatMap(docs -> validation.checkProxy(docs, fallback).stream())
        .toList();
  }

  private Optional<KubernetesOptions> kubernetesOptions() {
    var parsed = spec.commandLine().getParseResult();
    if (!kubernetes) {
      for (String flag :
          List.of(
              "--namespace",
              "--sidecar",
              "--sidecar-image",
              "--gitops-repo",
              "--gitops-branch",
              "--gitops-path",
              "--image-template",
              "--cluster-domain")) {
        if (parsed.hasMatchedOption(flag)) {
          throw new ParameterException(spec.commandLine(), flag + " needs --kubernetes");
        }
      }
      return Optional.empty();
    }
    try {
      return Optional.of(kubernetesFlags.options());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid Kubernetes option: " + e.getMessage());
    }
  }

  private void printTimings(Timings clock, PrintWriter err) {
    if (timings) {
      clock.print(err);
    }
  }
}
