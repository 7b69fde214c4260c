package dev.rigging.validators;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compiles PGV {@code EnumRules}. Values arrive as numbers, so a number the JSON gave that the enum
 * does not define (protobuf keeps those for open enums) is what {@code defined_only} catches.
 */
final class EnumRuleCompiler {

  private EnumRuleCompiler() {}

  static ValueRule compile(Message rules, FieldDescriptor target) {
    EnumDescriptor type = target.getEnumType();
    List<ValueRule> checks = new ArrayList<>();
    RuleFields.each(
        rules,
        target,
        (name, value) -> {
          switch (name) {
            case "const" -> {
              int expected = (Integer) value;
              checks.add(v -> number(v) == expected ? null : "value must equal " + expected);
            }
            case "defined_only" -> {
              if ((Boolean) value) {
                checks.add(
                    v ->
                        type.findValueByNumber(number(v)) != null
                            ? null
                            : "value must be one of the defined enum values");
              }
            }
            case "in" -> {
              Set<?> allowed = Set.copyOf((List<?>) value);
              checks.add(
                  v -> allowed.contains(number(v)) ? null : "value must be in list " + value);
            }
            case "not_in" -> {
              Set<?> denied = Set.copyOf((List<?>) value);
              checks.add(
                  v -> denied.contains(number(v)) ? "value must not be in list " + value : null);
            }
            default -> {
              return false;
            }
          }
          return true;
        });
    return ValueRule.all(checks);
  }

  private static int number(Object value) {
    return (Integer) value;
  }
}
