/**
 * The proxy's statistics as Prometheus metrics: {@link dev.rigging.proxy.stats.ProxyMetrics} holds
 * the metric families and hands out per-listener and per-cluster handles whose counters are bound
 * once, so recording a request is a striped-counter increment with no lookup or allocation. The
 * registry and the text exposition format are Prometheus' own Java client ({@code client_java}).
 */
package dev.rigging.proxy.stats;
