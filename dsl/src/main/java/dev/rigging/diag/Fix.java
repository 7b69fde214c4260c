package dev.rigging.diag;

import dev.rigging.source.Span;

/** A machine-applicable edit: replace the text of {@code span} with {@code replacement}. */
public record Fix(Span span, String replacement) {}
