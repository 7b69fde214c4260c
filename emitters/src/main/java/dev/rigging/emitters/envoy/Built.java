package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A JSON value and the origins of its parts. Builders never mutate a value once returned. */
record Built(ObjectNode json, Origins origins) {}
