package dev.rigging.compiler.ir;

/** Faults injected by Envoy's fault filter. */
public final class Fault {
  private Fault() {}

  /** Holds the request for {@code delay} on {@code percent} of requests. */
  public record Delay(Duration delay, Percent percent) {}

  /** Answers {@code status} (200-599) on {@code percent} of requests. */
  public record Abort(int status, Percent percent) {}
}
