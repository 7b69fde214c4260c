/**
 * The proxy's HTTP/1.1 data path: {@link dev.rigging.proxy.net.ProxyServer} accepts connections,
 * asks a {@link dev.rigging.proxy.net.RequestRouter} what to do with each request, and streams it
 * to an upstream from a per-event-loop pool, with backpressure both ways. Routing, config and TLS
 * live in sibling packages and plug in through the router.
 */
package dev.rigging.proxy.net;
