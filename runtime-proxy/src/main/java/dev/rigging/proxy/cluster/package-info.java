/**
 * Upstream cluster behaviour with Envoy's semantics, free of I/O: the hosts of a cluster and which
 * are ejected ({@link dev.rigging.proxy.cluster.HostSet}), endpoint choice ({@link
 * dev.rigging.proxy.cluster.LoadBalancer}), circuit breakers ({@link
 * dev.rigging.proxy.cluster.CircuitBreakers}), outlier detection ({@link
 * dev.rigging.proxy.cluster.OutlierDetector}) and retry back-off ({@link
 * dev.rigging.proxy.cluster.RetryBackoff}). Clocks and random sources are injected so that tests
 * are deterministic.
 */
package dev.rigging.proxy.cluster;
