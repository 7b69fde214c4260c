package dev.rigging.validators;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Compiles the PGV rules of the twelve numeric kinds (float, double, the int, uint, sint, fixed
 * families).
 */
final class NumericRuleCompiler {

  /** How a numeric kind is compared and printed; all integer kinds compare as {@code long}. */
  enum Kind {
    FLOAT,
    DOUBLE,
    SIGNED,
    UNSIGNED_32,
    UNSIGNED_64;

    static Kind of(FieldDescriptor.Type type) {
      return switch (type) {
        case FLOAT -> FLOAT;
        case DOUBLE -> DOUBLE;
        case INT32, INT64, SINT32, SINT64, SFIXED32, SFIXED64 -> SIGNED;
        case UINT32, FIXED32 -> UNSIGNED_32;
        case UINT64, FIXED64 -> UNSIGNED_64;
        default -> throw new IllegalArgumentException("not numeric: " + type);
      };
    }
  }

  private NumericRuleCompiler() {}

  /**
   * Compiles e.g. a {@code UInt32Rules} message for values of {@code kind}.
   *
   * @param target the field the rules are declared on, for error messages
   */
  static ValueRule compile(Message rules, Kind kind, FieldDescriptor target) {
    return switch (kind) {
      case FLOAT, DOUBLE ->
          compile(
              rules,
              target,
              NumericRuleCompiler::toDouble,
              Double::compare,
              kind == Kind.FLOAT ? d -> Float.toString(d.floatValue()) : d -> Double.toString(d));
      case SIGNED ->
          compile(rules, target, NumericRuleCompiler::toLong, Long::compare, l -> Long.toString(l));
      case UNSIGNED_32 ->
          compile(
              rules,
              target,
              v -> Integer.toUnsignedLong((Integer) v),
              Long::compare,
              l -> Long.toString(l));
      case UNSIGNED_64 ->
          compile(
              rules,
              target,
              NumericRuleCompiler::toLong,
              Long::compareUnsigned,
              Long::toUnsignedString);
    };
  }

  private static <T> ValueRule compile(
      Message rules,
      FieldDescriptor target,
      Function<Object, T> extract,
      Comparator<T> order,
      Function<T, String> show) {
    OrderedConstraints<T> constraints = new OrderedConstraints<>(order, show);
    boolean[] ignoreEmpty = {false};
    RuleFields.each(
        rules,
        target,
        (name, value) -> {
          if (name.equals("ignore_empty")) {
            ignoreEmpty[0] = (Boolean) value;
            return true;
          }
          if (value instanceof List<?> list) {
            boolean known = true;
            for (Object item : list) {
              known &= constraints.set(name, extract.apply(item));
            }
            return known && (name.equals("in") || name.equals("not_in"));
          }
          return constraints.set(name, extract.apply(value));
        });
    ValueRule rule = constraints.build(extract);
    if (!ignoreEmpty[0] || rule == ValueRule.NONE) {
      return rule;
    }
    return v -> ((Number) v).doubleValue() == 0 ? null : rule.check(v);
  }

  private static double toDouble(Object v) {
    return ((Number) v).doubleValue();
  }

  private static long toLong(Object v) {
    return ((Number) v).longValue();
  }
}
