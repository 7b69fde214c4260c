package dev.rigging.cli;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.DocumentKind;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.source.Span;
import dev.rigging.validators.EnvoyType;
import dev.rigging.validators.EnvoyValidator;
import dev.rigging.validators.ValidationSession;
import dev.rigging.validators.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every emitted document against Envoy's own API before anything is written. The compiler's
 * checks are meant to make invalid output impossible, so a violation here is a bug in rig: it is
 * reported as {@link Code#INVALID_ENVOY_OUTPUT} at the {@code .mesh} text that produced the
 * offending part, so the user can see (and report) what triggered it.
 */
final class EnvoyValidation {
  private final EnvoyValidator validator;

  EnvoyValidation(EnvoyValidator validator) {
    this.validator = validator;
  }

  /**
   * Returns one diagnostic per violation, in document order. Documents are independent and the
   * validator is thread-safe, so they are validated in parallel; the ordered stream keeps the
   * report deterministic.
   *
   * @param fallback where to point when a document's source map knows nothing about the path
   */
  List<Diagnostic> check(List<EmittedDocument> documents, Span fallback) {
    return documents.parallelStream().flatMap(doc -> check(doc, fallback).stream()).toList();
  }

  /**
   * Returns one diagnostic per violation in one proxy's documents, in document order. They share a
   * validation session: the xDS files repeat the bootstrap's resources, which are then parsed once,
   * with the same results. Thread-safe; one proxy per call.
   */
  List<Diagnostic> checkProxy(List<EmittedDocument> documents, Span fallback) {
    ValidationSession session = validator.session();
    List<Diagnostic> found = new ArrayList<>();
    for (EmittedDocument doc : documents) {
      for (Violation violation : session.validate(doc.content(), typeOf(doc.kind()))) {
        found.add(diagnostic(doc, violation, fallback));
      }
    }
    return found;
  }

  /** Returns one diagnostic per violation in {@code doc}; thread-safe. */
  List<Diagnostic> check(EmittedDocument doc, Span fallback) {
    return validator.validate(doc.content(), typeOf(doc.kind())).stream()
        .map(violation -> diagnostic(doc, violation, fallback))
        .toList();
  }

  /**
   * The message type a document of {@code kind} must parse into: xDS files are DiscoveryResponses.
   */
  static EnvoyType typeOf(DocumentKind kind) {
    return switch (kind) {
      case ENVOY_BOOTSTRAP -> EnvoyType.BOOTSTRAP;
      case ENVOY_LISTENERS, ENVOY_CLUSTERS, ENVOY_ROUTES -> EnvoyType.DISCOVERY_RESPONSE;
      case KUBERNETES_MANIFESTS ->
          throw new IllegalArgumentException("not an Envoy document: " + kind);
    };
  }

  /** Maps one violation back to the {@code .mesh} span behind the offending JSON path. */
  static Diagnostic diagnostic(EmittedDocument doc, Violation violation, Span fallback) {
    Span span = doc.origins().lookup(violation.path()).orElse(fallback);
    String jsonPath = violation.path().isEmpty() ? "<document root>" : violation.path();
    return Diagnostic.error(
            Code.INVALID_ENVOY_OUTPUT,
            span,
            "emitted Envoy configuration is invalid: " + violation.message())
        .label("Envoy would reject what rig emitted for this")
        .note("document: " + doc.path())
        .note("JSON path: " + jsonPath)
        .note("Envoy says: " + violation.message())
        .help(
            "this is a bug in rig, not in your policy; please report it with this output and the"
                + " .mesh files")
        .build();
  }
}
