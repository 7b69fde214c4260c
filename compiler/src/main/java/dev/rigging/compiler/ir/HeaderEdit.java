package dev.rigging.compiler.ir;

import java.util.Optional;

/** One header edit on a request or response; {@code value} is empty only for REMOVE. */
public record HeaderEdit(Op op, String name, Optional<String> value) {
  /** SET overwrites or adds; ADD appends; REMOVE deletes. */
  public enum Op {
    SET,
    ADD,
    REMOVE
  }
}
