package dev.rigging.compiler.ir;

import dev.rigging.source.Span;
import java.util.List;
import java.util.SortedMap;

/**
 * A version (Envoy subset) of a service, selected by labels, with its static endpoints and its
 * effective traffic policy.
 */
public record Version(
    String name,
    SortedMap<String, String> labels,
    List<Endpoint> endpoints,
    TrafficPolicy policy,
    Span span) {
  public Version {
    labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
    endpoints = List.copyOf(endpoints);
  }
}
