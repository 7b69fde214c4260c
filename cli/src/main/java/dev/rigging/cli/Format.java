package dev.rigging.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How diagnostics are printed: for people (stderr), or for tools as one document on stdout (rig's
 * own JSON, or a SARIF 2.1.0 log for code-scanning services).
 */
enum Format {
  HUMAN,
  JSON,
  SARIF;

  /** Accepts the lowercase names in any case, so help and errors show them lowercase. */
  static final class Converter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "human" -> HUMAN;
        case "json" -> JSON;
        case "sarif" -> SARIF;
        default ->
            throw new TypeConversionException(
                "expected `human`, `json` or `sarif`, got `" + value + "`");
      };
    }
  }
}
