package dev.rigging.proxy.net;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * How the data path retries a failed attempt, as Envoy's router does.
 *
 * @param retries attempts allowed after the first
 * @param perTryTimeout time each attempt may take until its response is complete, when set
 * @param retryOn the conditions: {@code 5xx}, {@code gateway-error}, {@code connect-failure},
 *     {@code reset}, {@code retriable-4xx} (409), {@code retriable-status-codes}; {@code
 *     refused-stream} is an HTTP/2 condition that HTTP/1.1 upstreams never raise
 * @param retriableStatusCodes the codes {@code retriable-status-codes} means
 * @param backoff the wait before retry number {@code n} (1-based)
 */
public record RetryPlan(
    int retries,
    Optional<Duration> perTryTimeout,
    Set<String> retryOn,
    Set<Integer> retriableStatusCodes,
    IntFunction<Duration> backoff) {

  public RetryPlan {
    Objects.requireNonNull(perTryTimeout, "perTryTimeout");
    retryOn = Set.copyOf(retryOn);
    retriableStatusCodes = Set.copyOf(retriableStatusCodes);
    Objects.requireNonNull(backoff, "backoff");
  }

  /** Whether a response with {@code status} from the upstream is retried. */
  boolean retriesStatus(int status) {
    return (status >= 500 && retryOn.contains("5xx"))
        || ((status == 502 || status == 503 || status == 504) && retryOn.contains("gateway-error"))
        || (status == 409 && retryOn.contains("retriable-4xx"))
        || (retryOn.contains("retriable-status-codes") && retriableStatusCodes.contains(status));
  }

  /** Whether a failed connection attempt is retried. */
  boolean retriesConnectFailure() {
    return retryOn.contains("connect-failure")
        || retryOn.contains("5xx")
        || retryOn.contains("gateway-error");
  }

  /** Whether a connection lost before any response is retried. */
  boolean retriesReset() {
    return retryOn.contains("reset")
        || retryOn.contains("5xx")
        || retryOn.contains("gateway-error");
  }

  /** Whether an attempt that exceeded the per-try timeout is retried (Envoy counts it as 504). */
  boolean retriesPerTryTimeout() {
    return retryOn.contains("5xx")
        || retryOn.contains("gateway-error")
        || retryOn.contains("reset");
  }
}
