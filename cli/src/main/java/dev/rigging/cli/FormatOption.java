package dev.rigging.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option shared by {@code check} and {@code compile}. */
final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "human|json",
      converter = Format.Converter.class,
      description =
          "How to print diagnostics (default: human). human: rustc-style text on stderr, stdout "
              + "stays empty. json: one JSON document on stdout and nothing else there (schema: "
              + "cli/README.md). Example: --format json",
      defaultValue = "human")
  Format format = Format.HUMAN;
}
