package dev.rigging.proxy.net;

import dev.rigging.proxy.cluster.CircuitBreakers;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Optional;

/**
 * The retry bookkeeping of one exchange: the policy's retries used, the cluster's retry budget slot
 * held, and the resends after stale pooled connections, which are outside the policy.
 */
final class Retries {
  /** Resends after stale pooled connections, per request: the pool rarely holds many dead ones. */
  private static final int MAX_STALE_RESENDS = 3;

  private final Decision.Forward plan;
  private final UpstreamBudget budget;
  private int used;
  private boolean holdsSlot;
  private int staleResends;

  Retries(Decision.Forward plan, UpstreamBudget budget) {
    this.plan = plan;
    this.budget = budget;
  }

  /** Retries made so far under the policy. */
  int used() {
    return used;
  }

  /** Whether the policy has a retry left for a request whose body is {@code replayable}. */
  boolean remain(boolean replayable) {
    return plan.retry().isPresent() && used < plan.retry().get().retries() && replayable;
  }

  /**
   * Takes the next retry, when the policy has one left, the body can be replayed and the cluster's
   * retry budget has room; returns the backoff to wait first. A refusal flags {@code URX}.
   */
  Optional<Duration> take(boolean replayable, ExchangeRecord record) {
    RetryPlan policy = plan.retry().orElseThrow();
    if (!remain(replayable)) {
      record.addFlag("URX");
      return Optional.empty();
    }
    releaseSlot();
    if (!budget.tryStartRetry()) {
      plan.cluster().overflowed(CircuitBreakers.Resource.RETRIES);
      record.addFlag("URX");
      return Optional.empty();
    }
    holdsSlot = true;
    used++;
    plan.cluster().retried();
    return Optional.of(policy.backoff().apply(used));
  }

  /**
   * Whether a request may be sent again, at once and outside the policy, after a pooled connection
   * the upstream had closed as idle. Only a request without a body and with an idempotent method
   * qualifies (as Go's and curl's clients decide): the upstream may have seen it, but repeating it
   * is harmless. Each resend consumes a stale pooled connection, and the count is capped besides.
   */
  boolean takeStaleResend(HttpMethod method, boolean hasBody) {
    if (hasBody || staleResends >= MAX_STALE_RESENDS || !isIdempotent(method)) {
      return false;
    }
    staleResends++;
    return true;
  }

  /** Gives back the budget slot of the retry in progress, if any. */
  void releaseSlot() {
    if (holdsSlot) {
      budget.retryEnded();
      holdsSlot = false;
    }
  }

  private static boolean isIdempotent(HttpMethod method) {
    return method.equals(HttpMethod.GET)
        || method.equals(HttpMethod.HEAD)
        || method.equals(HttpMethod.OPTIONS)
        || method.equals(HttpMethod.TRACE)
        || method.equals(HttpMethod.PUT)
        || method.equals(HttpMethod.DELETE);
  }
}
