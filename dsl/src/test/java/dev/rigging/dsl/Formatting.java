package dev.rigging.dsl;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rigging.dsl.ast.MeshFile;
import dev.rigging.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Parse-then-format helpers for the formatter's tests. */
final class Formatting {
  private Formatting() {}

  static ParseResult parse(String path, String text) {
    return new MeshParser().parse(SourceFile.of(path, text));
  }

  /** Parses text that must be free of syntax errors. */
  static MeshFile parseClean(String path, String text) {
    ParseResult result = parse(path, text);
    assertFalse(result.hasErrors(), () -> path + " has syntax errors: " + result.diagnostics());
    return result.file().orElseThrow();
  }

  static String format(String text) {
    return MeshFormatter.format(parseClean("test.mesh", text));
  }

  /** Returns a test resource from {@code dev/rigging/dsl/fmt/}. */
  static String resource(String name) {
    try (InputStream in = Formatting.class.getResourceAsStream("fmt/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource fmt/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the text with every line ending made CRLF. */
  static String withCrlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }
}
