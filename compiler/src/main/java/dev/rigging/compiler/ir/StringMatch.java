package dev.rigging.compiler.ir;

/** How a path, header or query value is compared; regexes are RE2 and already checked. */
public sealed interface StringMatch {
  record Exact(String value) implements StringMatch {}

  record Prefix(String value) implements StringMatch {}

  record Regex(String pattern) implements StringMatch {}

  /** The header or parameter is there, whatever its value. */
  record Present() implements StringMatch {}

  /** The header or parameter is not there. */
  record Absent() implements StringMatch {}
}
