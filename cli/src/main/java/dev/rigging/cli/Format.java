package dev.rigging.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How diagnostics are printed: for people (stderr) or for tools (one JSON document on stdout). */
enum Format {
  HUMAN,
  JSON;

  /** Accepts {@code human} and {@code json} in any case, so help and errors show them lowercase. */
  static final class Converter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "human" -> HUMAN;
        case "json" -> JSON;
        default ->
            throw new TypeConversionException("expected `human` or `json`, got `" + value + "`");
      };
    }
  }
}
