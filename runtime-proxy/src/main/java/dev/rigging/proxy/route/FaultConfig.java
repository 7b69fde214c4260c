package dev.rigging.proxy.route;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Per-route fault injection, as the route's {@code envoy.filters.http.fault} {@code HTTPFault}. */
public record FaultConfig(Optional<Delay> delay, Optional<Abort> abort) {

  public FaultConfig {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(abort, "abort");
  }

  /** A fixed delay before the request proceeds, for the given share of requests. */
  public record Delay(Duration fixedDelay, Percentage percentage) {
    public Delay {
      Objects.requireNonNull(fixedDelay, "fixedDelay");
      Objects.requireNonNull(percentage, "percentage");
    }
  }

  /** An immediate response with {@code httpStatus}, for the given share of requests. */
  public record Abort(int httpStatus, Percentage percentage) {
    public Abort {
      if (httpStatus < 200 || httpStatus > 599) {
        throw new IllegalArgumentException("abort status out of range: " + httpStatus);
      }
      Objects.requireNonNull(percentage, "percentage");
    }
  }
}
