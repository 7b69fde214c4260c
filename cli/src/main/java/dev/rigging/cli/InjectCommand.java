package dev.rigging.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.emitters.kubernetes.Injection;
import dev.rigging.emitters.kubernetes.Injections;
import dev.rigging.emitters.kubernetes.KubernetesEmitter;
import dev.rigging.emitters.kubernetes.KubernetesOptions;
import dev.rigging.validators.EnvoyValidator;
import dev.rigging.validators.Violation;
import dev.rigging.validators.kubernetes.KubernetesValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rig inject}: adds the mesh's sidecar to a user's own Deployments. */
@Command(
    name = "inject",
    header = "Add the mesh's sidecar to existing Kubernetes Deployments.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "The equivalent of istioctl kube-inject. Reads a YAML file of Kubernetes objects; to every"
          + " Deployment whose pod template's `app` label (or --service) names a service of the"
          + " mesh, adds the sidecar containers, their volumes (the proxy's ConfigMap and the"
          + " `<service>-mesh-tls` certificate Secret) and pod annotations. For a service with"
          + " versions, the pod labels pick the version. Every other field and document is left"
          + " as it was; a changed Deployment is rewritten (its comments are not kept).",
      "",
      "Before the file's documents, the output holds one ConfigMap per injected workload: the"
          + " proxy's configuration compiled for those pods. The result is validated like rig"
          + " compile's (JSON Schema, client models, Envoy's API). Output goes to stdout, or to -o"
          + " (written atomically).",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig inject -f deploy/callme.yaml --mesh policies/callme | kubectl apply -f -",
      "  rig inject -f app.yaml --mesh policies/ --service reviews -o app.injected.yaml",
      "",
      "Exit codes:",
      "  0  injected",
      "  1  errors in the mesh or in the YAML file (located: file:line)",
      "  2  bad usage, unreadable or unwritable file, invalid output (a rig bug)"
    })
final class InjectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description = "YAML file with the Deployment(s) to inject. Example: -f deploy/app.yaml")
  Path file;

  @Option(
      names = "--mesh",
      required = true,
      arity = "1..*",
      paramLabel = "PATH",
      description = "The .mesh files or directories of the mesh. Example: --mesh policies/callme")
  List<Path> mesh;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description =
          "The service the file's one Deployment runs, instead of its pods' `app` label. Example:"
              + " --service callme")
  String service;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write here instead of stdout. Example: -o app.injected.yaml")
  Path output;

  @Mixin KubernetesFlags kubernetesFlags;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (spec.commandLine().getParseResult().hasMatchedOption("--image-template")) {
      throw new ParameterException(
          spec.commandLine(), "--image-template does not apply: the Deployment has its own image");
    }
    KubernetesOptions options;
    try {
      options = kubernetesFlags.options();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid Kubernetes option: " + e.getMessage());
    }
    String display = file.toString().replace('\\', '/');
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure("cannot read `" + display + "`: " + CliFailure.describe(e), e);
    }
    List<YamlDocuments.Document> documents;
    try {
      documents = YamlDocuments.parse(text);
    } catch (YamlDocuments.SyntaxError e) {
      err.println(
          display + ":" + e.line + ":" + e.column + ": error: invalid YAML: " + e.getMessage());
      return ExitCodes.POLICY_ERRORS;
    }

    var reporter = new Reporter(Format.HUMAN, spec.commandLine().getOut(), err);
    Compilation compilation = new Compiler().compile(mesh);
    CheckCommand.requireSources(compilation, mesh);
    if (compilation.hasErrors() || compilation.mesh().isEmpty()) {
      reporter.report(compilation.diagnostics(), compilation.dropped());
      if (!compilation.hasErrors()) {
        throw new CliFailure("no mesh in the given paths");
      }
      return CheckCommand.exitCode(compilation, false);
    }
    Injections injections = new KubernetesEmitter(options).injections(compilation.mesh().get());
    if (!injections.problems().isEmpty()) {
      reporter.report(injections.problems(), 0);
      return ExitCodes.POLICY_ERRORS;
    }

    Injector.Result result;
    try {
      result = new Injector(injections, Optional.ofNullable(service)).inject(documents);
    } catch (Injector.InputError e) {
      printLocated(err, display, e.line, e.getMessage(), e.help);
      return ExitCodes.POLICY_ERRORS;
    }

    var validator = KubernetesValidator.create();
    for (Injector.Injected injected : result.injected()) {
      var doc = documents.get(injected.document());
      List<Violation> theirs = validator.validate(doc.tree());
      if (!theirs.isEmpty()) {
        for (Violation v : theirs) {
          printLocated(
              err,
              display,
              doc.lineOf(YamlDocuments.pointer(v.path())),
              "Deployment `" + injected.name() + "` is invalid: " + v.message(),
              List.of());
        }
        return ExitCodes.POLICY_ERRORS;
      }
    }

    Map<String, Injection> configMaps = new TreeMap<>();
    result.injected().forEach(i -> configMaps.putIfAbsent(i.injection().workload(), i.injection()));
    List<Diagnostic> bugs = validateOutput(validator, result, configMaps);
    if (!bugs.isEmpty()) {
      reporter.report(bugs, 0);
      return ExitCodes.USAGE_OR_INTERNAL;
    }

    String injectedText = render(documents, result, configMaps);
    if (output == null) {
      spec.commandLine().getOut().print(injectedText);
      spec.commandLine().getOut().flush();
    } else {
      try {
        writeOutput(output, injectedText);
      } catch (IOException e) {
        throw new CliFailure("cannot write `" + output + "`: " + CliFailure.describe(e), e);
      }
    }
    result
        .skipped()
        .forEach(
            (name, line) ->
                err.println(
                    "rig: "
                        + display
                        + ":"
                        + line
                        + ": left Deployment `"
                        + name
                        + "` as it was: its pods' `app` label names no service of the mesh"));
    result
        .injected()
        .forEach(
            i ->
                err.println(
                    "rig: injected Deployment `"
                        + i.name()
                        + "` with the sidecar of `"
                        + i.injection().workload()
                        + "`"));
    err.flush();
    return ExitCodes.OK;
  }

  /** The ConfigMaps first (kubectl apply creates them before the pods need them), then the file. */
  private static String render(
      List<YamlDocuments.Document> documents,
      Injector.Result result,
      Map<String, Injection> configMaps) {
    List<String> parts = new ArrayList<>();
    configMaps.values().forEach(i -> i.configMap().ifPresent(parts::add));
    Map<Integer, Injector.Injected> changed = new TreeMap<>();
    result.injected().forEach(i -> changed.put(i.document(), i));
    for (int i = 0; i < documents.size(); i++) {
      Injector.Injected injected = changed.get(i);
      String text =
          injected != null ? Injector.write(injected.injected()) : documents.get(i).text();
      parts.add(text.endsWith("\n") ? text : text + "\n");
    }
    return String.join("---\n", parts);
  }

  /** Checks what rig added; a violation here is rig's bug (MESH0905 / MESH0901). */
  private static List<Diagnostic> validateOutput(
      KubernetesValidator validator, Injector.Result result, Map<String, Injection> configMaps) {
    List<Diagnostic> bugs = new ArrayList<>();
    for (Injector.Injected injected : result.injected()) {
      for (Violation v : validator.validate(injected.injected())) {
        bugs.add(bug(injected.injection(), "Deployment `" + injected.name() + "`", v));
      }
    }
    var envoy = new EnvoyValidation(EnvoyValidator.create());
    for (Injection injection : configMaps.values()) {
      if (injection.configMap().isPresent()) {
        try {
          for (JsonNode node : KubernetesValidation.readAll(injection.configMap().get())) {
            for (Violation v : validator.validate(node)) {
              bugs.add(bug(injection, "ConfigMap of `" + injection.workload() + "`", v));
            }
          }
        } catch (IOException e) {
          bugs.add(bug(injection, "ConfigMap", new Violation("", "not YAML: " + e.getMessage())));
        }
      }
      List<EmittedDocument> proxy = injection.proxyConfigs();
      bugs.addAll(envoy.check(proxy, injection.span()));
    }
    return bugs;
  }

  private static Diagnostic bug(Injection injection, String what, Violation v) {
    return Diagnostic.error(
            Code.INVALID_KUBERNETES_OUTPUT,
            injection.span(),
            "injected " + what + " is invalid: " + v.message())
        .label("Kubernetes would reject what rig added for this")
        .note("JSON path: " + (v.path().isEmpty() ? "<object root>" : v.path()))
        .help("this is a bug in rig; please report it with the YAML file and the .mesh files")
        .build();
  }

  /** Writes all or nothing: a new file through a temporary sibling, an existing one atomically. */
  private static void writeOutput(Path output, String text) throws IOException {
    if (Files.exists(output)) {
      AtomicFile.write(output, text);
      return;
    }
    Path dir = output.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + output.getFileName() + ".rig-", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void printLocated(
      PrintWriter err, String file, int line, String message, List<String> help) {
    err.println(file + ":" + line + ": error: " + message);
    help.forEach(h -> err.println("  = help: " + h));
    err.flush();
  }
}
