package dev.rigging.cli;

import dev.rigging.diag.Code;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The help text of each diagnostic code, taken from docs/DIAGNOSTICS.md (bundled in the jar), so
 * that SARIF viewers show the same explanation as the reference page and the two cannot drift.
 */
final class RuleHelp {
  private static final String RESOURCE = "DIAGNOSTICS.md";
  private static final Pattern HEADING = Pattern.compile("(?m)^## (MESH\\d{4}) .*$");

  /**
   * One code's section of the reference.
   *
   * @param firesWhen the "Fires when" paragraph as plain text
   * @param fix the "Fix" paragraph as plain text
   * @param markdown the whole section body
   */
  record Entry(String firesWhen, String fix, String markdown) {}

  private static final Map<String, Entry> ENTRIES = load();

  private RuleHelp() {}

  /** Returns the reference entry for {@code code}, if the bundled reference documents it. */
  static Optional<Entry> of(Code code) {
    return Optional.ofNullable(ENTRIES.get(code.id()));
  }

  private static Map<String, Entry> load() {
    try (InputStream in = RuleHelp.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Entry> parse(String reference) {
    Map<String, Entry> entries = new HashMap<>();
    Matcher m = HEADING.matcher(reference);
    if (!m.find()) {
      return entries;
    }
    while (true) {
      String id = m.group(1);
      int bodyStart = m.end();
      boolean more = m.find();
      int bodyEnd = more ? m.start() : reference.length();
      String body = reference.substring(bodyStart, bodyEnd);
      // A section ends at the next heading or at a `---` rule between groups.
      int rule = body.indexOf("\n---");
      body = (rule >= 0 ? body.substring(0, rule) : body).strip();
      entries.put(
          id, new Entry(paragraph(body, "**Fires when**"), paragraph(body, "**Fix**"), body));
      if (!more) {
        return entries;
      }
    }
  }

  /** Returns the paragraph starting with {@code lead}, unwrapped and without markdown bold. */
  private static String paragraph(String body, String lead) {
    int start = body.indexOf(lead);
    if (start < 0) {
      return "";
    }
    int end = body.indexOf("\n\n", start);
    String text = body.substring(start, end < 0 ? body.length() : end);
    return text.replace("**", "").replaceAll("\\s*\\n\\s*", " ").strip();
  }
}
