package dev.rigging.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/DIAGNOSTICS.md, the reference of stable codes, in step with {@link Code} and the
 * corpus.
 */
class DiagnosticsReferenceTest {
  private static final Path REFERENCE =
      Corpus.moduleDir().resolve("../docs/DIAGNOSTICS.md").normalize();
  private static final Pattern CASE = Pattern.compile("`((?:broken|warnings)/[0-9a-z-]+)`");

  @Test
  void reference_hasASectionForEveryCode() throws IOException {
    Map<String, String> sections = sections();

    List<String> undocumented =
        Arrays.stream(Code.values()).map(Code::id).filter(id -> !sections.containsKey(id)).toList();
    assertEquals(List.of(), undocumented, "codes without a `## MESHxxxx` section in " + REFERENCE);
  }

  @Test
  void reference_hasNoSectionForACodeThatDoesNotExist() throws IOException {
    List<String> known = Arrays.stream(Code.values()).map(Code::id).toList();

    List<String> unknown = sections().keySet().stream().filter(id -> !known.contains(id)).toList();
    assertEquals(List.of(), unknown, "sections for codes the compiler does not have");
  }

  @Test
  void corpusCasesNamedInASection_reportThatSectionsCode() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> section : sections().entrySet()) {
      Matcher m = CASE.matcher(section.getValue());
      while (m.find()) {
        Path folder = Corpus.root().resolve(m.group(1));
        boolean reported =
            Files.isDirectory(folder)
                && Corpus.compile(folder).diagnostics().stream()
                    .map(Diagnostic::code)
                    .anyMatch(c -> c.id().equals(section.getKey()));
        if (!reported) {
          wrong.add(section.getKey() + " names " + m.group(1));
        }
      }
    }
    assertEquals(
        List.of(), wrong, "cases that do not exist or do not report the code of their section");
  }

  /** Returns each section's text by the code in its {@code ## MESHxxxx title} heading. */
  private static Map<String, String> sections() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(REFERENCE)) {
      if (line.startsWith("## ")) {
        if (current != null) {
          out.put(current, text.toString());
        }
        current = line.startsWith("## MESH") ? line.substring(3).split(" ", 2)[0] : null;
        text.setLength(0);
      } else {
        text.append(line).append('\n');
      }
    }
    if (current != null) {
      out.put(current, text.toString());
    }
    return out;
  }
}
