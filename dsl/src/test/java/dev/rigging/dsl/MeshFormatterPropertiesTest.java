package dev.rigging.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.rigging.dsl.ast.Comment;
import dev.rigging.dsl.ast.MeshFile;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The formatter's promises, checked on every {@code .mesh} file in the repository that parses
 * without errors (found when the tests run, so files added later are covered too), including this
 * module's deliberately messy inputs.
 */
class MeshFormatterPropertiesTest {
  @TestFactory
  Stream<DynamicContainer> everyMeshFileInTheRepository() {
    List<MeshCorpus.Entry> formattable =
        MeshCorpus.files().stream()
            .filter(e -> !Formatting.parse(e.path(), e.text()).hasErrors())
            .toList();
    List<String> paths = formattable.stream().map(MeshCorpus.Entry::path).toList();
    // Guards against a corpus search that silently finds nothing.
    assertTrue(paths.contains("policies/callme/callme.mesh"), () -> "no policies in " + paths);
    assertTrue(
        paths.contains("dsl/src/test/resources/dev/rigging/dsl/fmt/comments-everywhere.mesh"),
        () -> "no messy inputs in " + paths);
    return formattable.stream().map(e -> dynamicContainer(e.path(), properties(e)));
  }

  private static Stream<DynamicTest> properties(MeshCorpus.Entry entry) {
    MeshFile original = Formatting.parseClean(entry.path(), entry.text());
    String formatted = MeshFormatter.format(original);
    return Stream.of(
        dynamicTest("parses without errors", () -> reparse(entry, formatted)),
        dynamicTest(
            "is idempotent",
            () -> assertEquals(formatted, MeshFormatter.format(reparse(entry, formatted)))),
        dynamicTest(
            "keeps the meaning",
            () -> {
              Optional<String> difference =
                  AstDiff.firstDifference(original, reparse(entry, formatted));
              assertTrue(
                  difference.isEmpty(),
                  () -> "the AST changed at " + difference.orElseThrow() + "\n" + formatted);
            }),
        dynamicTest(
            "keeps every comment, in order",
            () -> assertEquals(commentTexts(original), commentTexts(reparse(entry, formatted)))),
        dynamicTest("writes clean lines", () -> assertCleanLines(formatted)),
        dynamicTest(
            "ignores line endings",
            () -> assertEquals(formatted, Formatting.format(Formatting.withCrlf(entry.text())))));
  }

  private static MeshFile reparse(MeshCorpus.Entry entry, String formatted) {
    return Formatting.parseClean(entry.path() + " (formatted)", formatted);
  }

  /**
   * Returns the comments' texts as the formatter may print them: line endings and blanks at the
   * ends of lines are the only things it changes in a comment.
   */
  private static List<String> commentTexts(MeshFile file) {
    return file.comments().stream()
        .map(Comment::text)
        .map(t -> t.lines().map(String::stripTrailing).collect(Collectors.joining("\n")))
        .toList();
  }

  private static void assertCleanLines(String text) {
    assertTrue(text.endsWith("\n") && !text.endsWith("\n\n"), "ends with exactly one line break");
    assertFalse(text.startsWith("\n"), "starts with a blank line");
    assertFalse(text.contains("\r"), "contains a CR");
    assertFalse(text.contains("\n\n\n"), "contains two blank lines in a row");
    text.lines().forEach(line -> assertEquals(line.stripTrailing(), line, "trailing blanks"));
  }
}
