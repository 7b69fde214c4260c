package dev.rigging.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the corpus of broken, warning and clean policies (see {@link Corpus}) through the compiler.
 * Re-approve all outputs with {@code -Dapprove=true} (see {@link ApprovedDiagnostics}).
 */
class DiagnosticCorpusTest {
  /**
   * Codes no policy can provoke: 0901 is raised by validators/ on emitted Envoy config, 0902 only
   * on a checker bug, 0903 when cli/ cannot write output, 0904 when a root path given on the
   * command line cannot be read (every corpus case is an existing folder).
   */
  static final Set<Code> COMPILER_INTERNAL =
      EnumSet.of(
          Code.INVALID_ENVOY_OUTPUT, Code.INTERNAL_ERROR, Code.OUTPUT_ERROR, Code.INPUT_ERROR);

  /**
   * Codes about Istio YAML, not `.mesh` text: `rig import istio`'s tests provoke them (cli
   * ImportIstioCommandTest).
   */
  static final Set<Code> IMPORT_ONLY =
      EnumSet.of(Code.ISTIO_NO_EQUIVALENT, Code.ISTIO_INVALID, Code.ISTIO_UNKNOWN_REFERENCE);

  /** Codes that are only ever warnings: each needs a case that compiles with just that warning. */
  static final Set<Code> WARNING_ONLY =
      EnumSet.of(
          Code.AMBIGUOUS_DESTINATION,
          Code.AUTHZ_RULE_NO_EFFECT,
          Code.NOT_CALLED,
          Code.UNUSED_OUTBOUND);

  static Stream<Path> brokenCases() {
    return Corpus.cases("broken").stream();
  }

  static Stream<Path> warningCases() {
    return Corpus.cases("warnings").stream();
  }

  static Stream<Path> cleanCases() {
    return Corpus.cases("clean").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenCases")
  void brokenPolicy_matchesApprovedDiagnostics(Path folder) {
    Compilation compilation = Corpus.compile(folder);

    assertTrue(compilation.hasErrors(), "a broken policy must fail the check");
    assertTrue(compilation.mesh().isEmpty(), "a policy with errors must not yield a mesh");
    assertWellFormed(compilation);
    ApprovedDiagnostics.verify(Corpus.render(folder, compilation), folder);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warningCases")
  void warningPolicy_compilesWithApprovedWarnings(Path folder) {
    Compilation compilation = Corpus.compile(folder);

    assertFalse(compilation.hasErrors(), () -> Corpus.render(folder, compilation));
    assertTrue(compilation.mesh().isPresent(), "a policy with only warnings must yield a mesh");
    assertFalse(compilation.diagnostics().isEmpty(), "a warnings/ case must produce a warning");
    assertWellFormed(compilation);
    ApprovedDiagnostics.verify(Corpus.render(folder, compilation), folder);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanCases")
  void cleanPolicy_compilesWithoutDiagnostics(Path folder) {
    Compilation compilation = Corpus.compile(folder);

    assertEquals("", Corpus.render(folder, compilation));
    assertTrue(compilation.mesh().isPresent());
  }

  @Test
  void corpus_provokesEveryCodeExceptCompilerInternalOnes() {
    Set<Code> wanted = EnumSet.complementOf(EnumSet.copyOf(COMPILER_INTERNAL));
    wanted.removeAll(IMPORT_ONLY);
    Set<Code> seen = EnumSet.noneOf(Code.class);
    Stream.concat(brokenCases(), warningCases())
        .forEach(folder -> Corpus.compile(folder).diagnostics().forEach(d -> seen.add(d.code())));

    wanted.removeAll(seen);
    assertEquals(Set.of(), ids(wanted), "codes no corpus case provokes");
  }

  @Test
  void warningCorpus_provokesEveryWarningOnlyCodeAsAWarning() {
    Set<Code> seen =
        warningCases()
            .flatMap(folder -> Corpus.compile(folder).diagnostics().stream())
            .filter(d -> d.severity() == Severity.WARNING)
            .map(Diagnostic::code)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Code.class)));

    Set<Code> missing = EnumSet.copyOf(WARNING_ONLY);
    missing.removeAll(seen);
    assertEquals(Set.of(), ids(missing), "warning-only codes without a warnings/ case");
  }

  @Test
  void corpus_hasAtLeastSixtyBrokenPolicies() {
    assertTrue(
        Corpus.cases("broken").size() >= 60, "broken cases: " + Corpus.cases("broken").size());
  }

  @Test
  void everyCaseFolder_hasAnInputMesh() {
    for (String kind : List.of("broken", "warnings", "clean")) {
      for (Path folder : Corpus.cases(kind)) {
        assertTrue(
            Files.isRegularFile(folder.resolve("input.mesh")), folder + " has no input.mesh");
      }
    }
  }

  /** Messages lower case without a closing period, spans inside their files. */
  private static void assertWellFormed(Compilation compilation) {
    List<String> violations =
        compilation.diagnostics().stream()
            .flatMap(d -> DiagnosticStyle.violations(d).stream())
            .toList();
    assertEquals(List.of(), violations);
  }

  private static Set<String> ids(Set<Code> codes) {
    return codes.stream().map(Code::id).collect(Collectors.toCollection(TreeSet::new));
  }
}
