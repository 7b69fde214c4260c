package dev.rigging.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.rigging.dsl.ast.Comment;
import dev.rigging.dsl.ast.MeshFile;
import dev.rigging.dsl.gen.MeshLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Comments and line breaks sprinkled between random tokens of real files: wherever a user puts a
 * comment, formatting keeps it, keeps the meaning and settles after one pass. Seeded, so a failure
 * reproduces.
 */
class CommentFuzzTest {
  private static final List<String> INPUTS =
      List.of(
          "all-constructs.mesh",
          "comments-everywhere.mesh",
          "one-line.mesh",
          "bad-indentation.mesh");

  private static final int SEEDS = 50;

  @TestFactory
  Stream<DynamicTest> commentsBetweenRandomTokens() {
    return INPUTS.stream()
        .flatMap(
            name ->
                IntStream.range(0, SEEDS)
                    .mapToObj(
                        seed ->
                            dynamicTest(
                                name + " seed " + seed,
                                () -> check(sprinkle(Formatting.resource(name), seed)))));
  }

  private static void check(String input) {
    MeshFile original = Formatting.parseClean("fuzz.mesh", input);
    String formatted = MeshFormatter.format(original);
    MeshFile reparsed = Formatting.parseClean("fuzz.mesh", formatted);
    Optional<String> difference = AstDiff.firstDifference(original, reparsed);
    String both = "\n--- input\n" + input + "\n--- formatted\n" + formatted;
    assertTrue(difference.isEmpty(), () -> "the AST changed at " + difference.orElseThrow() + both);
    assertEquals(texts(original), texts(reparsed), () -> "comments changed" + both);
    assertEquals(formatted, MeshFormatter.format(reparsed), () -> "not idempotent" + both);
  }

  private static List<String> texts(MeshFile file) {
    return file.comments().stream()
        .map(Comment::text)
        .map(t -> t.lines().map(String::stripTrailing).toList().toString())
        .toList();
  }

  /** Inserts comments, blank lines and line breaks after randomly chosen tokens. */
  private static String sprinkle(String text, int seed) {
    Random random = new Random(seed);
    List<Integer> gaps = new ArrayList<>();
    MeshLexer lexer = new MeshLexer(CharStreams.fromString(text));
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        gaps.add(t.getStopIndex() + 1);
      }
    }
    StringBuilder out = new StringBuilder(text);
    // From the end, so that earlier offsets stay valid.
    for (int i = gaps.size() - 1; i >= 0; i--) {
      if (random.nextInt(3) != 0) {
        continue;
      }
      String insert =
          switch (random.nextInt(6)) {
            case 0 -> " // line " + i + "\n";
            case 1 -> " /* block " + i + " */ ";
            case 2 -> "\n/* own line " + i + " */\n";
            case 3 -> "\n\n";
            case 4 -> " /* two\n   lines " + i + " */ ";
            default -> "\n# hash " + i + "\n";
          };
      out.insert(gaps.get(i), insert);
    }
    return out.toString();
  }
}
