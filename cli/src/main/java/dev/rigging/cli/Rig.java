package dev.rigging.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The top-level {@code rig} command; {@link #commandLine} wires it up for Main and tests alike. */
@Command(
    name = "rig",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Rigging compiles declarative service-mesh policy (.mesh files) into Envoy v3 "
          + "configuration. Human diagnostics go to stderr; with --format json, stdout holds one "
          + "JSON document.",
      ""
    },
    subcommands = {
      CheckCommand.class,
      CompileCommand.class,
      FmtCommand.class,
      CertsCommand.class,
      ProxyCommand.class,
      HelpCommand.class
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success (warnings allowed unless --werror)",
      "  1  the policy has errors; fmt: files not canonical or not parseable",
      "  2  bad usage, refused or failed write, or an internal error",
      "",
      "Examples:",
      "  rig check policies/                 check every .mesh file under policies/",
      "  rig compile policies/ --out build/envoy",
      "  rig fmt --check policies/           list files not canonically formatted",
      "  rig proxy --config out/envoy/caller run the bundled proxy on a compiled proxy",
      "  rig help compile                    show the options of one command"
    })
public final class Rig {
  private Rig() {}

  /** Returns the configured command line writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return new CommandLine(new Rig())
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler(Failures.USAGE)
        .setExecutionExceptionHandler(Failures.EXECUTION);
  }
}
