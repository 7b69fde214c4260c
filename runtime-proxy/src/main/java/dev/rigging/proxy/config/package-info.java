/**
 * Loading the Envoy v3 configuration {@code rig compile} emits into an immutable {@link
 * dev.rigging.proxy.config.ProxySnapshot}, refusing whatever the proxy would not honour.
 */
package dev.rigging.proxy.config;
