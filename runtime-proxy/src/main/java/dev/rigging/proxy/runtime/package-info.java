/**
 * The running proxy: a loaded configuration compiled into listeners, filter chains and clusters,
 * swapped atomically on reload, served by the {@code net} data path, and observed through the admin
 * listener.
 */
package dev.rigging.proxy.runtime;
