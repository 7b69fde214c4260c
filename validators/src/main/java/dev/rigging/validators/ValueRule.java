package dev.rigging.validators;

import java.util.List;

/** Compiled check of one field value against the PGV constraints declared for it. */
@FunctionalInterface
interface ValueRule {

  /** Rule with no constraints. */
  ValueRule NONE = value -> null;

  /**
   * Checks a value, as protobuf reflection returns it for the field's type.
   *
   * @return the first failure in PGV's wording, or {@code null} when the value satisfies the rule
   */
  String check(Object value);

  /** Rule failing with the first failing part, like PGV's generated code. */
  static ValueRule all(List<ValueRule> parts) {
    List<ValueRule> rules = parts.stream().filter(r -> r != NONE).toList();
    return switch (rules.size()) {
      case 0 -> NONE;
      case 1 -> rules.get(0);
      default -> {
        ValueRule[] array = rules.toArray(ValueRule[]::new);
        yield value -> {
          for (ValueRule rule : array) {
            String failure = rule.check(value);
            if (failure != null) {
              return failure;
            }
          }
          return null;
        };
      }
    };
  }
}
