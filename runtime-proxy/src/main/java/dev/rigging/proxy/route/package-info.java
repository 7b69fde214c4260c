/**
 * Envoy's route model and matching: virtual host by authority, first matching route, with an index
 * that keeps lookup fast over thousands of literal paths.
 */
package dev.rigging.proxy.route;
