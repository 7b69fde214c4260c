package dev.rigging.diag;

import dev.rigging.source.Span;

/** A span with a short message, drawn under the source line (rustc's labels). */
public record Label(Span span, String message) {}
