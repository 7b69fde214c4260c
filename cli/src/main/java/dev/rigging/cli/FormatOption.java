package dev.rigging.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option shared by {@code check} and {@code compile}. */
final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "human|json|sarif",
      converter = Format.Converter.class,
      description =
          "How to print diagnostics (default: human). human: rustc-style text on stderr, stdout "
              + "stays empty. json: one JSON document on stdout and nothing else there (schema: "
              + "cli/README.md). sarif: a SARIF 2.1.0 log on stdout, for code scanning (GitHub, "
              + "GitLab). Example: --format sarif",
      defaultValue = "human")
  Format format = Format.HUMAN;
}
