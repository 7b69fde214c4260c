package dev.rigging.style;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when any Java source of the project is not as google-java-format writes it, so diffs show
 * meaning, not layout. {@code ./mvnw -pl style verify -Dformat=apply} rewrites the files instead
 * (the same spirit as {@code -Dapprove=true} for golden files).
 */
class JavaFormatTest {
  /** The repository root: this module's parent directory. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void everyJavaSource_isGoogleJavaFormatted() throws IOException, FormatterException {
    boolean apply = "apply".equals(System.getProperty("format"));
    Formatter formatter = new Formatter();
    List<String> unformatted = new ArrayList<>();
    for (Path file : javaSources()) {
      String source = Files.readString(file);
      String formatted = formatter.formatSourceAndFixImports(source);
      if (!formatted.equals(source)) {
        unformatted.add(ROOT.relativize(file).toString());
        if (apply) {
          Files.writeString(file, formatted);
        }
      }
    }
    if (!apply) {
      assertEquals(List.of(), unformatted, "run ./mvnw -pl style verify -Dformat=apply");
    }
  }

  @Test
  void noMainSource_printsStackTraces() throws IOException {
    // Errors are reported as located diagnostics or logged; a stack trace on a user's terminal
    // is a bug. The needle is split so that this file does not match itself.
    String needle = ".printStack" + "Trace(";
    List<String> offenders = new ArrayList<>();
    for (Path file : javaSources()) {
      if (ROOT.relativize(file).toString().contains("/src/main/")
          && Files.readString(file).contains(needle)) {
        offenders.add(ROOT.relativize(file).toString());
      }
    }
    assertEquals(List.of(), offenders);
  }

  private static List<Path> javaSources() throws IOException {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> isSource(ROOT.relativize(p)))
          .sorted()
          .toList();
    }
  }

  /** Hand-written sources only: not build output, not generated parsers, not benchmark scratch. */
  private static boolean isSource(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith("target") || name.startsWith(".")) {
        return false;
      }
    }
    return relative.toString().contains("/src/") || relative.startsWith("bench");
  }
}
