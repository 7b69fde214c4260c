package dev.rigging.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.HumanRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds the parser and checker inputs nobody would write on purpose, with fixed seeds so every run
 * sees the same few thousand inputs. Whatever the input: nothing escapes as an exception, every
 * diagnostic lies within its file and renders, and a clean compile yields a mesh.
 */
class CompilerFuzzTest {
  private static final int SOUP_INPUTS = 2_000;
  private static final int MUTANTS_PER_FOLDER = 20;
  private static final int FAILURES_SHOWN = 5;
  private static final Path FUZZ_ROOT = Path.of("/fuzz").toAbsolutePath();

  @Test
  void tokenSoup_neverCrashesAndKeepsDiagnosticsInTheirFiles() {
    TokenSoup soup = new TokenSoup(20_260_101L);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < SOUP_INPUTS; i++) {
      Path file = FUZZ_ROOT.resolve("soup.mesh");
      record(failures, "token soup #" + i, Map.of(file, soup.next()), List.of(file));
    }
    assertNoFailures(failures);
  }

  @Test
  void mutatedPolicies_neverCrashAndKeepDiagnosticsInTheirFiles() {
    Map<Path, String> repository = new TreeMap<>();
    Map<Path, List<Path>> folders = seedFolders(repository);
    assertTrue(folders.size() >= 60, "too few seed policies found: " + folders.size());
    Mutator mutator = new Mutator(7_919L);
    List<String> failures = new ArrayList<>();
    for (List<Path> roots : folders.values()) {
      for (int i = 0; i < MUTANTS_PER_FOLDER; i++) {
        // Every file stays readable, so imports of files outside the folder still resolve.
        Map<Path, String> files = new HashMap<>(repository);
        Path victim = roots.get(i % roots.size());
        files.put(victim, mutator.mutate(files.get(victim)));
        record(failures, "mutant #" + i + " of " + victim, files, roots);
      }
    }
    assertNoFailures(failures);
  }

  @Test
  void deeplyNestedBlocks_areReportedAsAnInputLimitNotAStackOverflow() {
    String text =
        "mesh deep\nservice s { port 1 http policy { "
            + "a { ".repeat(20_000)
            + "}".repeat(20_000)
            + " } }";

    Path file = FUZZ_ROOT.resolve("deep.mesh");
    Compilation c = compile(Map.of(file, text), List.of(file));

    assertEquals(
        List.of(Code.INPUT_LIMIT), c.diagnostics().stream().map(Diagnostic::code).toList());
  }

  @Test
  void importOfAPathNoFileCanHave_isReportedNotThrown() {
    String text = "mesh nul\nimport \"shared/a\u0000b.mesh\"\n";

    Path file = FUZZ_ROOT.resolve("nul.mesh");
    Compilation c = compile(Map.of(file, text), List.of(file));

    assertEquals(
        List.of(Code.IMPORT_NOT_FOUND), c.diagnostics().stream().map(Diagnostic::code).toList());
  }

  /** Compiles {@code roots} and records any broken invariant under {@code what}. */
  private static void record(
      List<String> failures, String what, Map<Path, String> files, List<Path> roots) {
    List<String> problems = new ArrayList<>();
    try {
      Compilation c = compile(files, roots);
      for (Diagnostic d : c.diagnostics()) {
        DiagnosticStyle.violations(d).forEach(v -> problems.add(d.code().id() + ": " + v));
        if (d.code() != Code.INPUT_ERROR && !c.sources().contains(d.span().file())) {
          problems.add(
              d.code().id() + " points into a file that was never read: " + d.span().file());
        }
      }
      HumanRenderer.render(c.diagnostics(), c.dropped());
      if (c.hasErrors() == c.mesh().isPresent()) {
        problems.add("errors: " + c.hasErrors() + ", but mesh present: " + c.mesh().isPresent());
      }
    } catch (Throwable t) { // StackOverflowError included: nothing may escape
      problems.add(
          "threw "
              + t
              + " at "
              + List.of(t.getStackTrace()).subList(0, Math.min(8, t.getStackTrace().length)));
    }
    if (!problems.isEmpty()) {
      failures.add(what + ": " + problems + "\n--- input ---\n" + shown(files, roots));
    }
  }

  /** Compiles {@code roots}, reading every file from {@code files} and nothing from disk. */
  private static Compilation compile(Map<Path, String> files, List<Path> roots) {
    SourceReader reader =
        path -> {
          String text = files.get(path);
          if (text == null) {
            throw new NoSuchFileException(path.toString());
          }
          return text;
        };
    return new Compiler(reader).compile(roots);
  }

  /**
   * Reads every {@code .mesh} file of the repository into {@code repository}, keyed by in-memory
   * path, and returns them grouped by folder: a folder is compiled as one policy, as `rig check
   * <folder>` would, so multi-file cases stay together.
   */
  private static Map<Path, List<Path>> seedFolders(Map<Path, String> repository) {
    Path repo = Corpus.moduleDir().toAbsolutePath().normalize().getParent();
    Map<Path, List<Path>> folders = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(repo)) {
      for (Path file : walk.filter(CompilerFuzzTest::isSourcePolicy).sorted().toList()) {
        Path inMemory = FUZZ_ROOT.resolve(repo.relativize(file).toString());
        repository.put(inMemory, Files.readString(file));
        folders
            .computeIfAbsent(
                FUZZ_ROOT.resolve(repo.relativize(caseFolder(file)).toString()),
                k -> new ArrayList<>())
            .add(inMemory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folders;
  }

  /** Build output and hidden folders hold copies or nothing of interest. */
  private static boolean isSourcePolicy(Path path) {
    return path.toString().endsWith(".mesh")
        && Stream.of(path.toString().split("[/\\\\]"))
            .noneMatch(s -> s.startsWith("target") || s.startsWith("."));
  }

  /** A corpus case is the folder right under broken/, warnings/ or clean/; else the parent. */
  private static Path caseFolder(Path file) {
    Path corpus = Corpus.root().toAbsolutePath().normalize();
    if (file.startsWith(corpus) && corpus.relativize(file).getNameCount() > 2) {
      return corpus.resolve(corpus.relativize(file).subpath(0, 2));
    }
    return file.getParent();
  }

  private static String shown(Map<Path, String> files, List<Path> roots) {
    return roots.stream()
        .map(root -> "# " + root + "\n" + truncate(files.get(root)))
        .collect(Collectors.joining("\n"));
  }

  private static String truncate(String text) {
    String escaped =
        text.chars()
            .mapToObj(
                c -> c < 0x20 && c != '\n' ? String.format("\\u%04x", c) : String.valueOf((char) c))
            .collect(Collectors.joining());
    return escaped.length() > 1_500 ? escaped.substring(0, 1_500) + "..." : escaped;
  }

  private static void assertNoFailures(List<String> failures) {
    assertTrue(
        failures.isEmpty(),
        () ->
            failures.size()
                + " inputs broke an invariant; the first ones:\n\n"
                + String.join(
                    "\n\n", failures.subList(0, Math.min(FAILURES_SHOWN, failures.size()))));
  }
}
