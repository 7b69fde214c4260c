package dev.rigging.cli;

import dev.rigging.agent.Agent;
import dev.rigging.agent.AgentSettings;
import dev.rigging.agent.HealthGate;
import dev.rigging.agent.ProxyTarget;
import dev.rigging.gitops.GitCredentials;
import dev.rigging.gitops.GitOpsException;
import dev.rigging.gitops.SignatureVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rig agent}: follow an output branch and keep proxies running what it holds. */
@Command(
    name = "agent",
    header = "Follow a branch of compiled output and reconcile proxies to it.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Watches the branch `rig compile --commit` writes (polling, and at once on POST /webhook),"
          + " and for each new commit: checks each proxy's envoy/<proxy>/ files with the"
          + " compiler's validators, points <config-root>/<proxy> at them, asks the proxy to"
          + " reload, and confirms the proxy reports the new configuration hash. A commit that"
          + " fails any step is not applied and the last good configuration keeps serving.",
      "",
      "After a change the proxies' 5xx rate (minus injected faults) is watched for"
          + " --health-window; above --max-error-rate the agent rolls back to the previous good"
          + " commit and refuses the bad one. Proxies run as child processes (`rig proxy`);"
          + " they are restarted when they exit, and adopted, not restarted, by an agent that"
          + " restarts after a crash. Policies must be compiled with"
          + " --config-dir '<config-root>/{proxy}'.",
      "",
      "GET /status (JSON: applied commit, config hashes, time applied, last error, pending"
          + " commit), GET /ready (200 once a commit is applied and every proxy runs, else 503: a"
          + " readiness probe), GET /metrics (Prometheus), POST /webhook.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig compile policies/callme --commit --repo /srv/gitops.git \\",
      "      --config-dir /run/rigging/{proxy} --cert-dir /etc/rigging/certs/{proxy}",
      "  rig agent --repo /srv/gitops.git --proxy caller --proxy callme \\",
      "      --config-root /run/rigging --state-dir /var/lib/rigging",
      "  curl -s 127.0.0.1:15100/status",
      "",
      "Exit codes:",
      "  130/143  stopped by SIGINT/SIGTERM (the JVM's status for a signal), after a clean stop",
      "  2  bad usage, or the agent could not start"
    })
final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "PATH|URL",
      description =
          "The output repository to follow. Example: --repo https://git.example.com/mesh/out.git")
  String repo;

  @Option(
      names = "--branch",
      defaultValue = "main",
      paramLabel = "BRANCH",
      description = "Branch to follow (default: ${DEFAULT-VALUE}). Example: --branch prod")
  String branch;

  @Option(
      names = "--repo-path",
      defaultValue = "",
      paramLabel = "DIR",
      description =
          "The branch directory holding the output, as given to rig compile --commit-path"
              + " (default: the top). Example: --repo-path policies/payments")
  String repoPath;

  @Option(
      names = "--proxy",
      required = true,
      paramLabel = "NAME[=HOST:PORT]",
      description =
          "A proxy to run, with its admin address (default 127.0.0.1:15000, 15001, ... in order)."
              + " Repeat for several. Example: --proxy callme=127.0.0.1:15001")
  List<String> proxies;

  @Option(
      names = "--state-dir",
      defaultValue = ".rig/agent",
      paramLabel = "DIR",
      description =
          "Mirror, config directories, logs and agent.json (default: ${DEFAULT-VALUE}). Example:"
              + " --state-dir /var/lib/rigging/agent")
  Path stateDir;

  @Option(
      names = "--config-root",
      paramLabel = "DIR",
      description =
          "Where <proxy> symlinks to the current configuration live (default: <state-dir>/current)."
              + " Example: --config-root /run/rigging")
  Path configRoot;

  @Option(
      names = "--poll",
      defaultValue = "1s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Fetch interval without webhooks (default: ${DEFAULT-VALUE}). Example: --poll 500ms")
  Duration poll;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:15100",
      paramLabel = "HOST:PORT",
      description =
          "Where /status, /metrics and /webhook are served (default: ${DEFAULT-VALUE}). Example:"
              + " --listen 0.0.0.0:15100")
  String listen;

  @Option(
      names = "--health-window",
      defaultValue = "3s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "How long to watch error rates after a change; 0s turns the gate off (default:"
              + " ${DEFAULT-VALUE}). Example: --health-window 10s")
  Duration healthWindow;

  @Option(
      names = "--max-error-rate",
      defaultValue = "5",
      paramLabel = "PERCENT",
      description =
          "Unintended 5xx share above which a change is rolled back (default: ${DEFAULT-VALUE})."
              + " Example: --max-error-rate 1")
  double maxErrorRate;

  @Option(
      names = "--min-requests",
      defaultValue = "20",
      paramLabel = "N",
      description =
          "Requests the window must see before it can judge (default: ${DEFAULT-VALUE}). Example:"
              + " --min-requests 100")
  long minRequests;

  @Option(
      names = "--require-signed",
      description =
          "Apply only commits signed by a --trusted-key. Example: --require-signed --trusted-key"
              + " ci.pub.asc")
  boolean requireSigned;

  @Option(
      names = "--trusted-key",
      paramLabel = "FILE",
      description =
          "An OpenPGP public key (armored) whose signatures are trusted. Repeatable. Example:"
              + " --trusted-key ci.pub.asc")
  List<Path> trustedKeys = new ArrayList<>();

  @Option(
      names = "--webhook-secret-file",
      paramLabel = "FILE",
      description =
          "Webhooks must prove this secret (GitHub X-Hub-Signature-256, X-Gitlab-Token or"
              + " X-Rig-Token). Example: --webhook-secret-file /etc/rigging/webhook-secret")
  Path webhookSecretFile;

  @Option(
      names = "--keep-proxies-on-exit",
      description =
          "Leave the proxies serving when the agent stops; the next agent adopts them. Example:"
              + " --keep-proxies-on-exit")
  boolean keepProxies;

  @Override
  public Integer call() throws Exception {
    AgentSettings settings = settings();
    PrintWriter err = spec.commandLine().getErr();
    Agent agent;
    try {
      agent = Agent.start(settings);
    } catch (IOException e) {
      throw new CliFailure("cannot start the agent: " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              agent.close(keepProxies);
              stopped.countDown();
            },
            "rig-agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println(
        "rig agent: following "
            + branch
            + " of "
            + repo
            + " for "
            + String.join(", ", settings.proxies().stream().map(ProxyTarget::name).toList())
            + "; status at http://"
            + HostPorts.format(agent.address())
            + "/status");
    err.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  AgentSettings settings() {
    List<ProxyTarget> targets = new ArrayList<>();
    for (int i = 0; i < proxies.size(); i++) {
      String spec = proxies.get(i);
      int eq = spec.indexOf('=');
      String name = eq < 0 ? spec : spec.substring(0, eq);
      InetSocketAddress admin =
          eq < 0
              ? new InetSocketAddress("127.0.0.1", 15000 + i)
              : parse(spec.substring(eq + 1), "--proxy " + name);
      try {
        targets.add(new ProxyTarget(name, admin));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(this.spec.commandLine(), "--proxy: " + e.getMessage());
      }
    }
    Optional<SignatureVerifier> verifier = Optional.empty();
    if (requireSigned) {
      if (trustedKeys.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "--require-signed needs at least one --trusted-key");
      }
      try {
        verifier = Optional.of(SignatureVerifier.fromPublicKeyFiles(trustedKeys));
      } catch (GitOpsException e) {
        throw new CliFailure(e.getMessage(), e);
      }
    } else if (!trustedKeys.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--trusted-key needs --require-signed");
    }
    Optional<String> secret = Optional.empty();
    if (webhookSecretFile != null) {
      try {
        secret = Optional.of(Files.readString(webhookSecretFile, StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new CliFailure("cannot read --webhook-secret-file: " + CliFailure.describe(e), e);
      }
    }
    HealthGate gate;
    try {
      gate = new HealthGate(healthWindow, maxErrorRate / 100, minRequests);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path root = configRoot != null ? configRoot : stateDir.resolve("current");
    return new AgentSettings(
        repo,
        branch,
        repoPath,
        targets,
        stateDir.toAbsolutePath(),
        root.toAbsolutePath(),
        poll,
        parse(listen, "--listen"),
        gate,
        verifier,
        secret,
        new JvmProxyLauncher(),
        GitCredentials.fromEnvironment());
  }

  private InetSocketAddress parse(String hostPort, String option) {
    try {
      return HostPorts.parse(hostPort, option);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
