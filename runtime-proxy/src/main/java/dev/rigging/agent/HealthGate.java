package dev.rigging.agent;

import java.time.Duration;

/**
 * When a freshly applied configuration counts as harmful: over {@code window} after applying, the
 * proxies answered at least {@code minRequests} requests and more than {@code maxErrorRate} of them
 * failed with a 5xx the policy did not inject on purpose.
 *
 * @param window how long to watch after applying; zero turns the gate off
 * @param maxErrorRate the tolerated share of unintended 5xx responses, 0..1
 * @param minRequests fewer requests than this say nothing either way
 */
public record HealthGate(Duration window, double maxErrorRate, long minRequests) {
  public HealthGate {
    if (window.isNegative()) {
      throw new IllegalArgumentException("health window must not be negative");
    }
    if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
      throw new IllegalArgumentException("max error rate must be within 0..1");
    }
    if (minRequests < 1) {
      throw new IllegalArgumentException("min requests must be at least 1");
    }
  }

  /** Off: every applied configuration stays. */
  public static HealthGate off() {
    return new HealthGate(Duration.ZERO, 1, 1);
  }

  public boolean enabled() {
    return !window.isZero();
  }

  /** Returns the verdict on what the proxies did during the window. */
  public Verdict judge(TrafficSample before, TrafficSample after) {
    long requests = after.requests() - before.requests();
    long unintended =
        Math.max(
            0,
            (after.serverErrors() - before.serverErrors())
                - (after.injectedAborts() - before.injectedAborts()));
    double rate = requests == 0 ? 0 : (double) unintended / requests;
    boolean bad = requests >= minRequests && rate > maxErrorRate;
    return new Verdict(requests, unintended, rate, bad);
  }

  /**
   * What the window showed.
   *
   * @param requests requests answered in the window
   * @param unintendedErrors 5xx responses not injected by a fault rule
   * @param errorRate their share
   * @param harmful whether to roll back
   */
  public record Verdict(long requests, long unintendedErrors, double errorRate, boolean harmful) {
    public String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "%d of %d requests failed unintentionally (%.1f%%)",
          unintendedErrors,
          requests,
          errorRate * 100);
    }
  }
}
