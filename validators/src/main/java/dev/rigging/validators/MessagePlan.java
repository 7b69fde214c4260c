package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to check on a message type: the compiled form of its PGV options.
 *
 * @param kind how values of this type are treated
 * @param disabled PGV's {@code validate.disabled} or {@code validate.ignored}: nothing is checked,
 *     nested messages included
 * @param requiredOneofs oneofs marked {@code validate.required}, with the slots of their members
 * @param fields only the fields with something to check, to descend into or to count; the i-th has
 *     slot i
 * @param lookup the fields by number
 * @param atEnd the fields that can fail after the walk (absent, too few or too many), in order
 * @param defaultFailures for each of {@code atEnd}, once known, what its rule says of the default
 *     value ({@link #NO_FAILURE} when it holds): rules are pure, and most fields are absent
 */
record MessagePlan(
    Kind kind,
    boolean disabled,
    List<RequiredOneof> requiredOneofs,
    List<FieldPlan> fields,
    FieldLookup lookup,
    FieldPlan[] atEnd,
    String[] defaultFailures) {

  /** Marks a default value the rule accepts. */
  static final String NO_FAILURE = new String("no failure");

  /** Types handled by dedicated code rather than by walking their fields. */
  enum Kind {
    /** An ordinary message: walk its fields. */
    FIELDS,
    /** {@code google.protobuf.Any}: walk the content as its own type. */
    ANY,
    /** {@code google.protobuf.Duration}: Envoy's own range check. */
    DURATION,
    /** Other well-known types: nothing inside them carries rules. */
    OPAQUE
  }

  /** A {@code validate.required} oneof and the slots of its members. */
  record RequiredOneof(OneofDescriptor oneof, int[] slots) {}

  static MessagePlan of(
      Kind kind, boolean disabled, List<RequiredOneof> requiredOneofs, List<FieldPlan> fields) {
    FieldPlan[] atEnd = fields.stream().filter(MessagePlan::canFailAtEnd).toArray(FieldPlan[]::new);
    return new MessagePlan(
        kind,
        disabled,
        requiredOneofs,
        fields,
        FieldLookup.of(fields),
        atEnd,
        new String[atEnd.length]);
  }

  private static boolean canFailAtEnd(FieldPlan field) {
    return switch (field) {
      case FieldPlan.Singular s -> s.required() || !s.onlyWhenSet();
      case FieldPlan.Repeated r -> r.minItems() >= 0 || r.maxItems() >= 0;
      case FieldPlan.MapField m -> m.minPairs() >= 0 || m.maxPairs() >= 0;
      case FieldPlan.Unsupported u -> true;
      case FieldPlan.Presence p -> false;
    };
  }

  /**
   * What the rule of {@code atEnd[i]}, a singular field, says of its default value: a failure, or
   * {@code null}. Computed once; a race only computes it twice.
   */
  String defaultFailure(int i, FieldPlan.Singular field) {
    String known = defaultFailures[i];
    if (known == null) {
      known = field.rule().check(field.shape().wire().defaultValue());
      known = known == null ? NO_FAILURE : known;
      defaultFailures[i] = known;
    }
    return known == NO_FAILURE ? null : known;
  }

  static Kind kindOf(Descriptor type) {
    return switch (type.getFullName()) {
      case "google.protobuf.Any" -> Kind.ANY;
      case "google.protobuf.Duration" -> Kind.DURATION;
      default -> type.getFile().getPackage().equals("google.protobuf") ? Kind.OPAQUE : Kind.FIELDS;
    };
  }

  /** Plan of the field with a given number, or {@code null} when the field needs no attention. */
  FieldPlan field(int number) {
    return lookup.find(number);
  }

  /** Field number to plan: an array for the usual small numbers, a map otherwise. */
  record FieldLookup(FieldPlan[] dense, Map<Integer, FieldPlan> sparse) {

    private static final int DENSE_LIMIT = 1024;

    static FieldLookup of(List<FieldPlan> fields) {
      int max = fields.stream().mapToInt(f -> f.field().getNumber()).max().orElse(0);
      if (max < DENSE_LIMIT) {
        FieldPlan[] dense = new FieldPlan[max + 1];
        fields.forEach(f -> dense[f.field().getNumber()] = f);
        return new FieldLookup(dense, null);
      }
      Map<Integer, FieldPlan> sparse = new HashMap<>();
      fields.forEach(f -> sparse.put(f.field().getNumber(), f));
      return new FieldLookup(null, Map.copyOf(sparse));
    }

    FieldPlan find(int number) {
      if (dense != null) {
        return number < dense.length ? dense[number] : null;
      }
      return sparse.get(number);
    }
  }
}
