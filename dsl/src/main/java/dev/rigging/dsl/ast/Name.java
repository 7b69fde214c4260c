package dev.rigging.dsl.ast;

import dev.rigging.source.Span;

/** An identifier as written, with where it was written. */
public record Name(String text, Span span) {}
