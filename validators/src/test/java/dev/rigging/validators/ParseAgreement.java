package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.rigging.validators.EnvoyValidator.ParsePath;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares {@link WireJsonReader} with {@code JsonFormat}: the emitted policy documents to compare
 * them on, and the assertions.
 */
final class ParseAgreement {

  static final TypeResolver TYPES = new TypeResolver(TypeRegistryFactory.emittedFiles());
  static final WireJsonReader READER = new WireJsonReader(TYPES);
  static final StrictJsonParser JSON_FORMAT_PARSER = new StrictJsonParser(TYPES);
  static final EnvoyValidator FAST = EnvoyValidator.create();
  static final EnvoyValidator JSON_FORMAT = EnvoyValidator.create(ParsePath.JSON_FORMAT_ONLY);

  /** Where the policies module keeps the approved output of every policy. */
  private static final Path GOLDEN = Path.of("..", "policies", "src", "test", "golden");

  private static final Pattern HEADER =
      Pattern.compile("(?m)^=== (envoy/([^/]+)/([a-z]+)\\.json) ===\\n");
  private static final JsonFactory JSON = new JsonFactory();

  /** One emitted document: its path in the output, its proxy, its type and its compact text. */
  record Document(String path, String proxy, EnvoyType type, String json) {
    @Override
    public String toString() {
      return path;
    }
  }

  private ParseAgreement() {}

  /** Every Envoy document of every approved policy output, compact as rig writes them. */
  static List<Document> emittedDocuments() {
    List<Document> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(GOLDEN)) {
      for (Path file :
          files.filter(f -> f.toString().endsWith(".approved.txt")).sorted().toList()) {
        String text = Files.readString(file);
        Matcher header = HEADER.matcher(text);
        List<int[]> spans = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        while (header.find()) {
          spans.add(new int[] {header.start(), header.end()});
          names.add(new String[] {header.group(1), header.group(2), header.group(3)});
        }
        for (int i = 0; i < spans.size(); i++) {
          int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
          String json = text.substring(spans.get(i)[1], end).strip();
          EnvoyType type =
              names.get(i)[2].equals("bootstrap")
                  ? EnvoyType.BOOTSTRAP
                  : EnvoyType.DISCOVERY_RESPONSE;
          String where = GOLDEN.relativize(file.getParent()).toString();
          documents.add(
              new Document(
                  where + ": " + names.get(i)[0],
                  where + "/" + names.get(i)[1],
                  type,
                  compact(json)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(
        documents.size() > 100,
        "the policies' approved output: " + documents.size() + " documents");
    return documents;
  }

  /** {@code json} without whitespace between tokens, members in the same order. */
  static String compact(String json) {
    StringWriter out = new StringWriter();
    try (JsonParser parser = JSON.createParser(json);
        JsonGenerator generator = JSON.createGenerator(out)) {
      parser.nextToken();
      generator.copyCurrentStructure(parser);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Asserts that the fast reader is either unsure or gives exactly the bytes of {@code
   * JsonFormat}'s message, and that the validator gives the same violations with and without it, on
   * its own and in a session.
   *
   * @return whether the fast reader read the document
   */
  static boolean assertAgree(String json, EnvoyType type, String what) {
    byte[] fast = null;
    if (StrictJsonSyntax.check(json) == null) {
      fast = READER.read(json, type.descriptor());
      if (fast != null) {
        StrictJsonParser.Result parsed =
            JSON_FORMAT_PARSER.parseWellFormed(json, type.descriptor());
        assertNull(
            parsed.error(), () -> what + ": the fast reader accepted what JsonFormat rejects");
        assertArrayEquals(
            parsed.message().toByteArray(), fast, () -> what + ": not JsonFormat's bytes\n" + json);
      }
    }
    List<Violation> expected = JSON_FORMAT.validate(json, type);
    assertEquals(expected, FAST.validate(json, type), () -> what + "\n" + json);
    assertEquals(expected, FAST.session().validate(json, type), () -> what + " (session)\n" + json);
    return fast != null;
  }
}
