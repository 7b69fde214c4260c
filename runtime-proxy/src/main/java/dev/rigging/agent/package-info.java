/**
 * The GitOps agent: watches the branch {@code rig compile --commit} writes, validates each new
 * commit's configuration for its proxies, applies it through the proxy's hot-reload path, confirms
 * the proxy runs it, and rolls back when the proxy's error rate says the change hurt.
 *
 * <p>The agent drives the proxy as a child process through the same interface a real Envoy would
 * take: a directory of Envoy JSON (re-pointed atomically with a symlink) and the admin endpoints.
 * Keeping them in separate processes means an agent restart or upgrade never drops a request, and a
 * proxy crash is something the agent can see and repair.
 */
package dev.rigging.agent;
