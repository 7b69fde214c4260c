package dev.rigging.compiler.ir;

import dev.rigging.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * One checked routing rule: what it matches, what it does, and the faults and header edits that
 * apply on the way.
 */
public record RouteRule(
    Match match,
    RouteAction action,
    Optional<Fault.Delay> delay,
    Optional<Fault.Abort> abort,
    List<HeaderEdit> requestHeaders,
    List<HeaderEdit> responseHeaders,
    Span span) {
  public RouteRule {
    requestHeaders = List.copyOf(requestHeaders);
    responseHeaders = List.copyOf(responseHeaders);
  }

  /** Returns whether any fault is injected on this rule. */
  public boolean hasFault() {
    return delay.isPresent() || abort.isPresent();
  }
}
