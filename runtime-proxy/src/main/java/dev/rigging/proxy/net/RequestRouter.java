package dev.rigging.proxy.net;

/**
 * Decides each request from its head alone. Called on the connection's event loop, so it must not
 * block; an exception is answered with 500.
 */
@FunctionalInterface
public interface RequestRouter {
  Decision route(RequestHead head);
}
