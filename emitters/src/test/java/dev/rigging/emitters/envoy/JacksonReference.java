package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Jackson's own writers: the compact one, which {@link CompactJson} claims to match byte for byte,
 * and a pretty one (two-space indentation, {@code "key": value}), in which the golden tests show
 * emitted documents so that reviewers read indented JSON.
 */
final class JacksonReference {
  private JacksonReference() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter COMPACT = MAPPER.writer();
  private static final ObjectWriter PRETTY = MAPPER.writer(printer());

  static String compact(JsonNode tree) throws JsonProcessingException {
    return COMPACT.writeValueAsString(tree) + "\n";
  }

  static String pretty(JsonNode tree) throws JsonProcessingException {
    return PRETTY.writeValueAsString(tree) + "\n";
  }

  /** Re-indents a document's text for reading; the content itself is unchanged. */
  static String pretty(String json) {
    try {
      return pretty(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode parse(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  private static DefaultPrettyPrinter printer() {
    var separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    var indenter = new DefaultIndenter("  ", "\n");
    var printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }
}
