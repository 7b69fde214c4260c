package dev.rigging.proxy.net;

/**
 * Decides each request from its head alone, and hears how each ended. Called on the connection's
 * event loop, so it must not block; an exception from {@link #route} is answered with 500.
 */
@FunctionalInterface
public interface RequestRouter {
  Decision route(RequestHead head);

  /** A request has ended, answered or not: for access logs and statistics. */
  default void completed(ExchangeLog log) {}
}
