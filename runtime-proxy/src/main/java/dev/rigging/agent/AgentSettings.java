package dev.rigging.agent;

import dev.rigging.gitops.SignatureVerifier;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * How an agent runs.
 *
 * @param repo the output repository, a path or URL
 * @param branch the branch to follow
 * @param repoPath the directory of the branch holding the compiled output ({@code rig compile
 *     --commit-path}); empty for the top
 * @param proxies the proxies to drive, each configured from {@code envoy/<name>/}
 * @param stateDir where the agent keeps its mirror, config directories, logs and {@code agent.json}
 * @param configRoot where each proxy's configuration directory {@code <configRoot>/<name>} lives (a
 *     symlink the agent re-points); the policy must be compiled with {@code --config-dir
 *     <configRoot>/{proxy}}
 * @param pollInterval how often to fetch when no webhook arrives
 * @param listen where {@code /status}, {@code /metrics} and {@code /webhook} are served
 * @param gate the health gate applied after each change
 * @param verifier when present, only commits signed by a trusted key are applied
 * @param webhookSecret when present, webhooks must prove they know it (GitHub HMAC or token)
 * @param launcher starts a proxy process
 * @param credentials for a remote repository
 */
public record AgentSettings(
    String repo,
    String branch,
    String repoPath,
    List<ProxyTarget> proxies,
    Path stateDir,
    Path configRoot,
    Duration pollInterval,
    InetSocketAddress listen,
    HealthGate gate,
    Optional<SignatureVerifier> verifier,
    Optional<String> webhookSecret,
    ProxyLauncher launcher,
    CredentialsProvider credentials) {
  public AgentSettings {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(branch, "branch");
    repoPath = repoPath.replace('\\', '/').replaceAll("^/+|/+$", "");
    proxies = List.copyOf(proxies);
    if (proxies.isEmpty()) {
      throw new IllegalArgumentException("at least one proxy");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive");
    }
  }

  /** Where {@code proxy}'s files are in the branch's tree. */
  public String directoryOf(ProxyTarget proxy) {
    return repoPath.isEmpty() ? proxy.repoDirectory() : repoPath + "/" + proxy.repoDirectory();
  }
}
