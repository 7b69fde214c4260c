package dev.rigging.cli;

import dev.rigging.cli.up.UpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rig up}: the whole loop on this machine, with a live view. */
@Command(
    name = "up",
    header = "Run the whole mesh locally: compile, commit, agent, proxies, traffic, live view.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Copies the policy into a Git repository of its own, compiles it and commits the output"
          + " to a local output repository, creates a development CA and the proxies'"
          + " certificates, starts a sample backend on every loopback endpoint, the agent and a"
          + " proxy per service and gateway, and sends traffic through the callers' outbound"
          + " listeners. The live view shows the applied commit, which versions answer, and the"
          + " injected delays and aborts.",
      "",
      "After --change-after it commits a change (the first two-way split goes all to its"
          + " second version) and shows how long the mesh took to converge. Edit the policy copy"
          + " it names and save: rig up compiles, commits and applies that too. Ctrl-C stops"
          + " everything.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./rig up",
      "  ./rig up --policy policies/bookinfo/request-routing --change-after 0s",
      "",
      "Exit codes:",
      "  0  stopped after --duration; 130/143 when stopped by Ctrl-C/SIGTERM (the JVM's status",
      "     for a signal), after a clean stop",
      "  1  the policy has errors",
      "  2  bad usage, or the mesh could not start"
    })
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--policy",
      paramLabel = "DIR",
      description =
          "The policy to run (default: policies/callme of this checkout). Example: --policy"
              + " policies/bookinfo/request-routing")
  Path policy;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where this run keeps everything; replaced each run (default: .rig/up of this checkout)."
              + " Example: --state-dir /tmp/rig-up")
  Path stateDir;

  @Option(
      names = "--rate",
      defaultValue = "50",
      paramLabel = "N",
      description = "Requests a second (default: ${DEFAULT-VALUE}). Example: --rate 200")
  int rate;

  @Option(
      names = "--change-after",
      defaultValue = "20s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "When to commit the demo change; 0s never (default: ${DEFAULT-VALUE}). Example:"
              + " --change-after 0s")
  Duration changeAfter;

  @Option(
      names = "--duration",
      defaultValue = "0s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Stop after this long; 0s runs until Ctrl-C (default: ${DEFAULT-VALUE}). Example:"
              + " --duration 2m")
  Duration duration;

  @Option(
      names = "--plain",
      description =
          "One line per second instead of a live screen (the default when not on a terminal)."
              + " Example: --plain")
  boolean plain;

  @Option(
      names = "--agent-listen",
      defaultValue = "127.0.0.1:15100",
      paramLabel = "HOST:PORT",
      description =
          "The agent's /status, /metrics and /webhook (default: ${DEFAULT-VALUE}). Example:"
              + " --agent-listen 127.0.0.1:25100")
  String agentListen;

  @Option(
      names = "--admin-base-port",
      defaultValue = "15000",
      paramLabel = "PORT",
      description =
          "Admin port of the first proxy; the others follow (default: ${DEFAULT-VALUE}). Example:"
              + " --admin-base-port 25000")
  int adminBasePort;

  @Override
  public Integer call() throws IOException {
    if (rate < 1 || rate > 5000) {
      throw new ParameterException(spec.commandLine(), "--rate must be within 1..5000");
    }
    Path home = home();
    Path source = policy != null ? policy : home.resolve("policies/callme");
    if (!Files.isDirectory(source)) {
      throw new CliFailure("no policy directory at " + source + " (give --policy DIR)");
    }
    Path state = stateDir != null ? stateDir : home.resolve(".rig/up");
    PrintWriter out = spec.commandLine().getOut();
    boolean terminal = !plain && System.console() != null && !"dumb".equals(System.getenv("TERM"));
    UpSession session =
        new UpSession(
            new UpSession.Options(
                source, state, rate, changeAfter, duration, parseListen(), adminBasePort),
            new JvmProxyLauncher(),
            (args, err) ->
                Rig.commandLine(new PrintWriter(java.io.Writer.nullWriter()), err)
                    .execute(args.toArray(String[]::new)),
            out,
            terminal);
    Thread hook = new Thread(session::stop, "rig-up-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return session.run();
    } catch (IOException e) {
      throw new CliFailure("rig up: " + e.getMessage(), e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running and waits for us.
      }
    }
  }

  private java.net.InetSocketAddress parseListen() {
    try {
      return HostPorts.parse(agentListen, "--agent-listen");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The checkout rig runs from: ./rig exports RIG_HOME; otherwise the working directory. */
  private static Path home() {
    String home = System.getenv("RIG_HOME");
    return home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
  }
}
