package dev.rigging.proxy.runtime;

import dev.rigging.proxy.config.ConnectionManagerConfig;
import dev.rigging.proxy.config.HttpFilterConfig;
import dev.rigging.proxy.filter.PathNormalizer;
import dev.rigging.proxy.filter.RbacEngine;
import dev.rigging.proxy.log.AccessLogFormatter;
import dev.rigging.proxy.route.RouteEngine;
import dev.rigging.proxy.stats.ListenerStats;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Optional;

/**
 * One filter chain ready to serve: its TLS context, its connection manager's path normaliser and
 * compiled route table.
 *
 * @param name the chain's name
 * @param serverNames SNI values selecting it; empty matches any
 * @param tls the server context, when the chain terminates TLS
 * @param manager the HTTP connection manager's configuration
 * @param normalizer the manager's path normalisation
 * @param routes the manager's compiled route table
 * @param rbac the manager's RBAC filters
 * @param fault the manager's fault filter, when it has one
 * @param stats the manager's counters (by its {@code stat_prefix})
 * @param accessLog the manager's access-log format, when it logs
 */
record ChainRuntime(
    String name,
    List<String> serverNames,
    Optional<SslContext> tls,
    ConnectionManagerConfig manager,
    PathNormalizer normalizer,
    RouteEngine routes,
    RbacEngine rbac,
    Optional<HttpFilterConfig.Fault> fault,
    ListenerStats stats,
    Optional<AccessLogFormatter> accessLog) {}
