package dev.rigging.proxy.route;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When and how often to retry, as Envoy's {@code RetryPolicy}.
 *
 * @param retryOn conditions such as {@code 5xx}, {@code gateway-error}, {@code connect-failure},
 *     {@code reset}, {@code retriable-status-codes}
 * @param numRetries retries after the first attempt (Envoy's default is 1)
 * @param perTryTimeout timeout of each attempt, when set
 * @param retriableStatusCodes the codes {@code retriable-status-codes} retries on
 * @param backoffBase base interval of the jittered exponential backoff (Envoy's default 25 ms)
 * @param backoffMax cap of the backoff interval (Envoy's default ten times the base)
 */
public record RetryPolicy(
    Set<String> retryOn,
    int numRetries,
    Optional<Duration> perTryTimeout,
    List<Integer> retriableStatusCodes,
    Duration backoffBase,
    Duration backoffMax) {

  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(25);

  public RetryPolicy {
    retryOn = Set.copyOf(retryOn);
    retriableStatusCodes = List.copyOf(retriableStatusCodes);
    if (numRetries < 0) {
      throw new IllegalArgumentException("negative num_retries");
    }
  }
}
