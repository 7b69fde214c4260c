package dev.rigging.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.source.Span;
import dev.rigging.validators.Violation;
import dev.rigging.validators.kubernetes.KubernetesValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every emitted Kubernetes manifest against Kubernetes' own API definitions before anything
 * is written (JSON Schema and the official client models, see {@link KubernetesValidator}). As for
 * Envoy output, a violation is a bug in rig: reported as {@link Code#INVALID_KUBERNETES_OUTPUT} at
 * the {@code .mesh} text the offending object was rendered for.
 */
final class KubernetesValidation {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final KubernetesValidator validator;

  KubernetesValidation(KubernetesValidator validator) {
    this.validator = validator;
  }

  /** Returns one diagnostic per violation in the YAML stream {@code doc}, in document order. */
  List<Diagnostic> check(EmittedDocument doc, Span fallback) {
    List<Diagnostic> found = new ArrayList<>();
    // One object at a time: a large mesh's stream is tens of megabytes, its trees several times
    // that.
    try (var parser = YAML.createParser(doc.content());
        var objects = YAML.readValues(parser, JsonNode.class)) {
      for (int i = 0; objects.hasNextValue(); i++) {
        String prefix = "[" + i + "]";
        for (Violation violation : validator.validate(objects.nextValue())) {
          found.add(diagnostic(doc, violation, prefix, fallback));
        }
      }
    } catch (IOException e) {
      found.add(
          diagnostic(doc, new Violation("", "not YAML: " + CliFailure.describe(e)), "", fallback));
    }
    return found;
  }

  /** Returns the documents of a YAML stream as JSON trees. */
  static List<JsonNode> readAll(String yaml) throws IOException {
    try (var parser = YAML.createParser(yaml)) {
      return YAML.readValues(parser, JsonNode.class).readAll();
    }
  }

  private static Diagnostic diagnostic(
      EmittedDocument doc, Violation violation, String prefix, Span fallback) {
    String path = violation.path().isEmpty() ? prefix : prefix + "." + violation.path();
    Span span = doc.origins().lookup(path).orElse(fallback);
    return Diagnostic.error(
            Code.INVALID_KUBERNETES_OUTPUT,
            span,
            "emitted Kubernetes manifest is invalid: " + violation.message())
        .label("Kubernetes would reject what rig emitted for this")
        .note("document: " + doc.path() + " " + (prefix.isEmpty() ? "" : "object " + prefix))
        .note("JSON path: " + (violation.path().isEmpty() ? "<object root>" : violation.path()))
        .help(
            "this is a bug in rig, not in your policy; please report it with this output and the"
                + " .mesh files")
        .build();
  }
}
