package dev.rigging.emitters.envoy;

/**
 * A JSON value and the origins of its parts. Writing the value has no side effects, and writes the
 * same bytes every time.
 */
record Built(JsonValue json, Origins origins) {}
