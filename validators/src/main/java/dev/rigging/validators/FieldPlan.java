package dev.rigging.validators;

import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * What to check on one field of a message type, compiled once from its PGV options. Each plan has a
 * {@code slot}, its index in the message plan, under which the walker counts occurrences.
 */
sealed interface FieldPlan {

  FieldDescriptor field();

  int slot();

  /**
   * A singular field.
   *
   * @param onlyWhenSet the rule applies only when the field is present (oneof members, messages,
   *     proto3 {@code optional}); plain proto3 scalars are checked even at their default value
   * @param required absence is a violation
   * @param rule constraints on the value, as {@code shape} presents it
   * @param visit descend into the (message) value
   */
  record Singular(
      FieldDescriptor field,
      int slot,
      ValueShape shape,
      boolean onlyWhenSet,
      boolean required,
      ValueRule rule,
      boolean visit)
      implements FieldPlan {}

  /** A repeated, non-map field; a bound of -1 is absent. */
  record Repeated(
      FieldDescriptor field,
      int slot,
      ValueShape shape,
      long minItems,
      long maxItems,
      boolean unique,
      boolean ignoreEmpty,
      ValueRule itemRule,
      boolean visitItems)
      implements FieldPlan {}

  /** A map field; a bound of -1 is absent. */
  record MapField(
      FieldDescriptor field,
      int slot,
      ValueShape keyShape,
      ValueShape valueShape,
      long minPairs,
      long maxPairs,
      boolean ignoreEmpty,
      ValueRule keyRule,
      ValueRule valueRule,
      boolean visitValues)
      implements FieldPlan {}

  /** A member of a required oneof with nothing else to check: only its presence is counted. */
  record Presence(FieldDescriptor field, int slot) implements FieldPlan {}

  /** A field whose rules could not be compiled; reported on every document that reaches it. */
  record Unsupported(FieldDescriptor field, int slot, String reason) implements FieldPlan {}
}
