package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** Jackson's own pretty printer, configured as {@link PrettyJson} claims to print. */
final class JacksonReference {
  private JacksonReference() {}

  private static final ObjectWriter WRITER = new ObjectMapper().writer(printer());

  static String print(JsonNode tree) throws JsonProcessingException {
    return WRITER.writeValueAsString(tree) + "\n";
  }

  private static DefaultPrettyPrinter printer() {
    var separators = Separators.createDefaultInstance()
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
