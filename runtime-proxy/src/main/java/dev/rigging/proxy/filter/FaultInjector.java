package dev.rigging.proxy.filter;

import dev.rigging.proxy.config.HttpFilterConfig;
import dev.rigging.proxy.route.FaultConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Envoy's fault filter ({@code envoy.filters.http.fault}) as a per-request decision: whether to
 * delay the request by the fixed delay, and whether to answer it with the abort status instead of
 * forwarding it. Delay and abort are drawn independently, so both may apply (the delay first, as in
 * Envoy); each is sampled as {@code random % 1 000 000 < perMillion}, which is Envoy's {@code
 * random % denominator < numerator} for every denominator.
 *
 * <p>Thread-safe when the random source is (the default is {@link ThreadLocalRandom}).
 */
public final class FaultInjector {

  /** Body of Envoy's abort response. */
  public static final String ABORT_BODY = "fault filter abort";

  /** Content type of Envoy's abort response. */
  public static final String ABORT_CONTENT_TYPE = "text/plain";

  /** Envoy's response flag for an injected delay ({@code %RESPONSE_FLAGS%}). */
  public static final String DELAY_FLAG = "DI";

  /** Envoy's response flag for an injected abort ({@code %RESPONSE_FLAGS%}). */
  public static final String ABORT_FLAG = "FI";

  private final LongSupplier random;

  /** An injector drawing from {@code random}, a source of uniformly distributed longs. */
  public FaultInjector(LongSupplier random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** An injector drawing from {@link ThreadLocalRandom}. */
  public static FaultInjector withThreadLocalRandom() {
    return new FaultInjector(() -> ThreadLocalRandom.current().nextLong());
  }

  /**
   * The faults for one request.
   *
   * @param delay how long to hold the request before going on; zero for none
   * @param abortStatus the status to answer with instead of forwarding; 0 for none
   */
  public record Decision(Duration delay, int abortStatus) {
    /** No fault. */
    public static final Decision NONE = new Decision(Duration.ZERO, 0);

    public Decision {
      Objects.requireNonNull(delay, "delay");
    }

    public boolean delayed() {
      return !delay.isZero();
    }

    public boolean aborted() {
      return abortStatus != 0;
    }
  }

  /**
   * The fault configuration for a request: the route's own when it has one (its {@code
   * typed_per_filter_config}), else the filter's defaults, as Envoy merges them.
   */
  public static Optional<FaultConfig> effective(
      HttpFilterConfig.Fault filter, Optional<FaultConfig> routeFault) {
    return routeFault.isPresent() ? routeFault : filter.defaults();
  }

  /** The faults to inject into one request under {@code config}. */
  public Decision decide(FaultConfig config) {
    Duration delay = Duration.ZERO;
    if (config.delay().isPresent()) {
      FaultConfig.Delay d = config.delay().get();
      if (d.percentage().sample(random.getAsLong())) {
        delay = d.fixedDelay();
      }
    }
    int abort = 0;
    if (config.abort().isPresent()) {
      FaultConfig.Abort a = config.abort().get();
      if (a.percentage().sample(random.getAsLong())) {
        abort = a.httpStatus();
      }
    }
    return delay.isZero() && abort == 0 ? Decision.NONE : new Decision(delay, abort);
  }
}
