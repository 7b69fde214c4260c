package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;

/** An entry inside a {@code version} block. */
public sealed interface VersionItem
    permits VersionItem.Labels, ServiceItem.Endpoint, ServiceItem.Policy {
  Span span();

  /** {@code labels { version: "v1" }}: the labels that select this version's workloads. */
  record Labels(List<Label> labels, Span span) implements VersionItem {
    public Labels {
      labels = List.copyOf(labels);
    }
  }

  /** One {@code key: "value"} pair; the key is a word or a string. */
  record Label(Literal key, Literal value, Span span) {}
}
