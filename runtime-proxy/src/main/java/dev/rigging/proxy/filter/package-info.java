/**
 * The HTTP filters between the connection manager and the router, as pure, thread-safe decisions
 * the data path applies: path normalisation ({@link dev.rigging.proxy.filter.PathNormalizer}), RBAC
 * ({@link dev.rigging.proxy.filter.RbacEngine}) and fault injection ({@link
 * dev.rigging.proxy.filter.FaultInjector}), each with Envoy's semantics. Nothing here touches a
 * socket.
 */
package dev.rigging.proxy.filter;
