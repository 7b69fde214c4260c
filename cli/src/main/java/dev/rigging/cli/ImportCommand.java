package dev.rigging.cli;

import picocli.CommandLine.Command;

/** {@code rig import}: the ways into Rigging from other configuration; {@code istio} for now. */
@Command(
    name = "import",
    header = "Translate other mesh configuration into .mesh files.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    synopsisSubcommandLabel = "SOURCE",
    footerHeading = "%nExamples:%n",
    footer = {"  rig import istio reviews-vs.yaml reviews-dr.yaml --services policies/bookinfo"},
    subcommands = {ImportIstioCommand.class})
final class ImportCommand {}
