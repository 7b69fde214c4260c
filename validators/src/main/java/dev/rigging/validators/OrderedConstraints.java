package dev.rigging.validators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The constraints PGV shares across ordered types (numbers, durations, timestamps): {@code const},
 * {@code lt}/{@code lte}/{@code gt}/{@code gte} and {@code in}/{@code not_in}. When the upper bound
 * lies below the lower one the range is exclusive: values must lie outside it, as PGV defines.
 *
 * @param <T> comparable representation of the values
 */
final class OrderedConstraints<T> {

  private final Comparator<T> order;
  private final Function<T, String> show;
  private T constant;
  private T lt;
  private T lte;
  private T gt;
  private T gte;
  private final List<T> in = new ArrayList<>();
  private final List<T> notIn = new ArrayList<>();

  OrderedConstraints(Comparator<T> order, Function<T, String> show) {
    this.order = order;
    this.show = show;
  }

  /**
   * Records one constraint; list-valued ones ({@code in}, {@code not_in}) are passed element by
   * element.
   *
   * @return whether {@code name} is one of this family's constraints
   */
  boolean set(String name, T value) {
    switch (name) {
      case "const" -> constant = value;
      case "lt" -> lt = value;
      case "lte" -> lte = value;
      case "gt" -> gt = value;
      case "gte" -> gte = value;
      case "in" -> in.add(value);
      case "not_in" -> notIn.add(value);
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Rule over raw reflection values, converted with {@code extract}. */
  ValueRule build(Function<Object, T> extract) {
    List<ValueRule> rules = new ArrayList<>();
    if (constant != null) {
      T c = constant;
      String failure = "value must equal " + show.apply(c);
      rules.add(v -> order.compare(extract.apply(v), c) == 0 ? null : failure);
    }
    ValueRule range = rangeRule(extract);
    if (range != null) {
      rules.add(range);
    }
    if (!in.isEmpty()) {
      List<T> allowed = List.copyOf(in);
      String failure = "value must be in list " + list(allowed);
      rules.add(v -> contains(allowed, extract.apply(v)) ? null : failure);
    }
    if (!notIn.isEmpty()) {
      List<T> denied = List.copyOf(notIn);
      String failure = "value must not be in list " + list(denied);
      rules.add(v -> contains(denied, extract.apply(v)) ? failure : null);
    }
    return ValueRule.all(rules);
  }

  private ValueRule rangeRule(Function<Object, T> extract) {
    T upper = lt != null ? lt : lte;
    boolean upperInclusive = lt == null;
    T lower = gt != null ? gt : gte;
    boolean lowerInclusive = gt == null;
    if (upper == null && lower == null) {
      return null;
    }
    if (lower == null) {
      String failure =
          "value must be less than " + (upperInclusive ? "or equal to " : "") + show.apply(upper);
      return v -> below(extract.apply(v), upper, upperInclusive) ? null : failure;
    }
    if (upper == null) {
      String failure =
          "value must be greater than "
              + (lowerInclusive ? "or equal to " : "")
              + show.apply(lower);
      return v -> above(extract.apply(v), lower, lowerInclusive) ? null : failure;
    }
    if (order.compare(upper, lower) > 0) {
      String failure =
          "value must be inside range "
              + (lowerInclusive ? "[" : "(")
              + show.apply(lower)
              + ", "
              + show.apply(upper)
              + (upperInclusive ? "]" : ")");
      return v -> {
        T x = extract.apply(v);
        return above(x, lower, lowerInclusive) && below(x, upper, upperInclusive) ? null : failure;
      };
    }
    // Exclusive range: the bounds are swapped, so the valid values are those outside [upper,
    // lower].
    String failure =
        "value must be outside range "
            + (upperInclusive ? "(" : "[")
            + show.apply(upper)
            + ", "
            + show.apply(lower)
            + (lowerInclusive ? ")" : "]");
    return v -> {
      T x = extract.apply(v);
      return above(x, lower, lowerInclusive) || below(x, upper, upperInclusive) ? null : failure;
    };
  }

  private boolean below(T x, T bound, boolean inclusive) {
    int c = order.compare(x, bound);
    return inclusive ? c <= 0 : c < 0;
  }

  private boolean above(T x, T bound, boolean inclusive) {
    int c = order.compare(x, bound);
    return inclusive ? c >= 0 : c > 0;
  }

  private boolean contains(List<T> values, T x) {
    for (T value : values) {
      if (order.compare(value, x) == 0) {
        return true;
      }
    }
    return false;
  }

  private String list(List<T> values) {
    return values.stream().map(show).toList().toString();
  }
}
