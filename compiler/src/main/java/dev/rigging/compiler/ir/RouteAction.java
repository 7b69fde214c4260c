package dev.rigging.compiler.ir;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What a rule does with a matching request. */
public sealed interface RouteAction {

  /**
   * Sends the request on: to one target (a single entry of 100%) or a weighted split. Weights add
   * up to exactly 100%.
   */
  record Forward(
      List<Weighted> targets,
      Optional<Duration> timeout,
      Optional<Retry> retry,
      Optional<Mirror> mirror,
      Optional<Rewrite> rewrite)
      implements RouteAction {
    public Forward {
      targets = List.copyOf(targets);
    }
  }

  /** Answers with a redirect; at least one part is set. */
  record Redirect(
      Optional<String> scheme,
      Optional<String> host,
      OptionalInt port,
      Optional<String> path,
      Optional<String> prefix,
      int code,
      boolean stripQuery)
      implements RouteAction {}

  /** Answers directly with a status and an optional body. */
  record Respond(int status, Optional<String> body) implements RouteAction {}

  /** One destination of a forward and its share. */
  record Weighted(Target target, Percent weight) {}

  /**
   * Retries: attempts after the first, the conditions (Envoy `retry_on` names) and retriable status
   * codes, per-try timeout and backoff.
   */
  record Retry(
      int attempts,
      List<String> retryOn,
      List<Integer> retriableStatusCodes,
      Optional<Duration> perTryTimeout,
      Optional<Duration> backoffBase,
      Optional<Duration> backoffMax) {
    public Retry {
      retryOn = List.copyOf(retryOn);
      retriableStatusCodes = List.copyOf(retriableStatusCodes);
    }
  }

  /** Copies {@code percent} of requests to {@code target}; replies are discarded. */
  record Mirror(Target target, Percent percent) {}

  /** Rewrites before forwarding: a path prefix or an RE2 regex, and/or the host. */
  record Rewrite(Optional<String> prefix, Optional<RegexRewrite> regex, Optional<String> host) {}

  /** An RE2 pattern and its substitution ({@code \1} refers to a group). */
  record RegexRewrite(String pattern, String substitution) {}
}
