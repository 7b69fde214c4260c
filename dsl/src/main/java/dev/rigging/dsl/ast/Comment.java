package dev.rigging.dsl.ast;

import dev.rigging.source.Span;

/** A comment, kept so that `rig fmt` can put it back where it was. */
public record Comment(String text, Span span) {}
