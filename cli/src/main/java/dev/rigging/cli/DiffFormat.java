package dev.rigging.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How {@code rig diff} prints: for terminals, for tools, or for a pull-request comment. */
enum DiffFormat {
  TEXT,
  JSON,
  MARKDOWN;

  /** Accepts the lowercase names in any case. */
  static final class Converter implements ITypeConverter<DiffFormat> {
    @Override
    public DiffFormat convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "text" -> TEXT;
        case "json" -> JSON;
        case "markdown", "md" -> MARKDOWN;
        default ->
            throw new TypeConversionException(
                "expected `text`, `json` or `markdown`, got `" + value + "`");
      };
    }
  }
}
