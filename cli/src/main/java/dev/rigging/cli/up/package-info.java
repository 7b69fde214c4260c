/**
 * {@code rig up}: the whole GitOps loop on one machine — sample backends, a traffic source, the
 * agent with its proxies, a local output repository — and a live view of what the traffic does.
 */
package dev.rigging.cli.up;
