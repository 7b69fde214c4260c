package dev.rigging.gitops;

import java.util.Map;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.NetRCCredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Credentials for remotes, from the places CI systems and developers already keep them.
 *
 * <p>In order: {@code RIG_GIT_TOKEN} (with {@code RIG_GIT_USERNAME}, default {@code git}) for https
 * remotes, as CI systems hand out tokens; then {@code ~/.netrc}. Credentials written into the URL
 * itself are used by JGit as they are, and ssh remotes use {@code ~/.ssh} keys and known_hosts.
 */
public final class GitCredentials {
  private GitCredentials() {}

  /** Returns the provider for this process's environment. */
  public static CredentialsProvider fromEnvironment() {
    return from(System.getenv());
  }

  static CredentialsProvider from(Map<String, String> env) {
    String token = env.get("RIG_GIT_TOKEN");
    if (token != null && !token.isBlank()) {
      String user = env.getOrDefault("RIG_GIT_USERNAME", "git");
      return new UsernamePasswordCredentialsProvider(user, token);
    }
    return new NetRCCredentialsProvider();
  }
}
