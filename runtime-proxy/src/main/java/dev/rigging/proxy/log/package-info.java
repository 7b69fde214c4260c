/**
 * Access logs: {@link dev.rigging.proxy.log.AccessLogFormatter} turns the {@code json_format} of
 * the connection manager's stdout access log, Envoy command operators and all, into one JSON line
 * per {@link dev.rigging.proxy.log.RequestLog}. Operators the proxy cannot fill are refused when
 * the configuration loads.
 */
package dev.rigging.proxy.log;
