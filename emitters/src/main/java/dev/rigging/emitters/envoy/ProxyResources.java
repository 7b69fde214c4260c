package dev.rigging.emitters.envoy;

import dev.rigging.source.Span;
import java.util.List;

/**
 * Everything one proxy gets, before it is laid out as documents.
 *
 * @param name the proxy's name: its service's or gateway's
 * @param span the service or gateway it was made for
 * @param listeners the listeners, to be built with inline routes or RDS
 * @param routeConfigs the route configs delivered by {@code routes.json}: at most one, the outbound
 *     or gateway routes (Envoy's filesystem RDS reads one per file)
 * @param clusters the clusters, in the order they are written
 */
record ProxyResources(
    String name,
    Span span,
    List<ListenerBuilder.Spec> listeners,
    List<Built> routeConfigs,
    List<Built> clusters) {}
