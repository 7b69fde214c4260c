package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import io.envoyproxy.pgv.validate.Validate.MapRules;
import io.envoyproxy.pgv.validate.Validate.RepeatedRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the protoc-gen-validate options that the Envoy API jar carries on its descriptors ({@code
 * validate.rules} on fields, {@code validate.required} on oneofs, {@code validate.disabled} and
 * {@code validate.ignored} on messages) and compiles them into one {@link MessagePlan} per message
 * type, cached for the life of the validator.
 */
final class PgvRules {

  private static final List<String> REPEATED_CONSTRAINTS =
      List.of("min_items", "max_items", "unique", "items", "ignore_empty");
  private static final List<String> MAP_CONSTRAINTS =
      List.of("min_pairs", "max_pairs", "no_sparse", "keys", "values", "ignore_empty");

  private final Map<Descriptor, MessagePlan> plans = new ConcurrentHashMap<>();

  /** Plan for {@code type}, compiled on first use. */
  MessagePlan planFor(Descriptor type) {
    MessagePlan plan = plans.get(type);
    if (plan == null) {
      // Compiling never looks at other types' plans, so a racing duplicate compile is harmless.
      plan = compile(type);
      MessagePlan raced = plans.putIfAbsent(type, plan);
      if (raced != null) {
        plan = raced;
      }
    }
    return plan;
  }

  /** Compiles the plan of {@code type} without caching it. */
  static MessagePlan compile(Descriptor type) {
    MessagePlan.Kind kind = MessagePlan.kindOf(type);
    boolean disabled =
        kind == MessagePlan.Kind.FIELDS
            && (type.getOptions().getExtension(Validate.disabled)
                || type.getOptions().getExtension(Validate.ignored));
    if (kind != MessagePlan.Kind.FIELDS || disabled) {
      return MessagePlan.of(kind, disabled, List.of(), List.of());
    }
    List<OneofDescriptor> requiredOneofs =
        type.getRealOneofs().stream()
            .filter(oneof -> oneof.getOptions().getExtension(Validate.required))
            .toList();
    List<FieldPlan> fields = new ArrayList<>();
    for (FieldDescriptor field : type.getFields()) {
      int slot = fields.size();
      FieldPlan plan = planField(field, slot);
      if (plan == null
          && field.getRealContainingOneof() != null
          && requiredOneofs.contains(field.getRealContainingOneof())) {
        plan = new FieldPlan.Presence(field, slot);
      }
      if (plan != null) {
        fields.add(plan);
      }
    }
    List<MessagePlan.RequiredOneof> required =
        requiredOneofs.stream()
            .map(
                oneof ->
                    new MessagePlan.RequiredOneof(
                        oneof,
                        fields.stream()
                            .filter(f -> f.field().getRealContainingOneof() == oneof)
                            .mapToInt(FieldPlan::slot)
                            .toArray()))
            .toList();
    return MessagePlan.of(kind, false, required, List.copyOf(fields));
  }

  /** Plan for one field, or {@code null} when there is nothing to check or descend into. */
  private static FieldPlan planField(FieldDescriptor field, int slot) {
    FieldRules rules =
        field.getOptions().hasExtension(Validate.rules)
            ? field.getOptions().getExtension(Validate.rules)
            : null;
    try {
      if (rules != null && !rules.getUnknownFields().asMap().isEmpty()) {
        throw new UnsupportedRuleException(
            "unknown FieldRules kind "
                + rules.getUnknownFields().asMap().keySet()
                + " on "
                + field.getFullName());
      }
      if (field.isMapField()) {
        return mapPlan(field, slot, rules);
      }
      if (field.isRepeated()) {
        return repeatedPlan(field, slot, rules);
      }
      return singularPlan(field, slot, rules);
    } catch (UnsupportedRuleException e) {
      return new FieldPlan.Unsupported(field, slot, e.getMessage());
    }
  }

  private static FieldPlan singularPlan(FieldDescriptor field, int slot, FieldRules rules) {
    ValueShape shape = ValueShape.of(field);
    boolean message = shape.wire() == WireType.MESSAGE;
    boolean visit =
        message
            && worthVisiting(shape)
            && (rules == null || !FieldRuleCompiler.skipsMessage(rules));
    ValueRule rule = rules == null ? ValueRule.NONE : FieldRuleCompiler.compile(rules, field);
    // PGV evaluates a oneof member's rules only when that member is the one set, so "required" on
    // a member (Envoy has many) never fires: the oneof's own validate.required covers absence.
    boolean required =
        rules != null
            && FieldRuleCompiler.requiresPresence(rules)
            && field.getRealContainingOneof() == null;
    if (rule == ValueRule.NONE && !required && !visit) {
      return null;
    }
    return new FieldPlan.Singular(
        field, slot, shape, message || field.hasPresence(), required, rule, visit);
  }

  private static FieldPlan repeatedPlan(FieldDescriptor field, int slot, FieldRules rules) {
    ValueShape shape = ValueShape.of(field);
    boolean visit = shape.wire() == WireType.MESSAGE && worthVisiting(shape);
    if (rules != null
        && rules.getTypeCase() != FieldRules.TypeCase.REPEATED
        && rules.getTypeCase() != FieldRules.TypeCase.TYPE_NOT_SET) {
      throw new UnsupportedRuleException(
          rules.getTypeCase() + " rules on repeated field " + field.getFullName());
    }
    if (rules != null && rules.hasMessage()) {
      throw new UnsupportedRuleException("message rules on repeated field " + field.getFullName());
    }
    if (rules == null || !rules.hasRepeated()) {
      return visit
          ? new FieldPlan.Repeated(field, slot, shape, -1, -1, false, false, ValueRule.NONE, true)
          : null;
    }
    RepeatedRules repeated = rules.getRepeated();
    RuleFields.each(repeated, field, (name, value) -> REPEATED_CONSTRAINTS.contains(name));
    if (repeated.getUnique() && shape.wire() == WireType.MESSAGE) {
      throw new UnsupportedRuleException("unique on repeated message field " + field.getFullName());
    }
    ValueRule items =
        repeated.hasItems()
            ? FieldRuleCompiler.compile(repeated.getItems(), field)
            : ValueRule.NONE;
    if (repeated.hasItems() && FieldRuleCompiler.skipsMessage(repeated.getItems())) {
      visit = false;
    }
    return new FieldPlan.Repeated(
        field,
        slot,
        shape,
        repeated.hasMinItems() ? repeated.getMinItems() : -1,
        repeated.hasMaxItems() ? repeated.getMaxItems() : -1,
        repeated.getUnique(),
        repeated.getIgnoreEmpty(),
        items,
        visit);
  }

  private static FieldPlan mapPlan(FieldDescriptor field, int slot, FieldRules rules) {
    FieldDescriptor key = field.getMessageType().findFieldByNumber(1);
    FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
    ValueShape keyShape = ValueShape.of(key);
    ValueShape valueShape = ValueShape.of(value);
    boolean visit = valueShape.wire() == WireType.MESSAGE && worthVisiting(valueShape);
    if (rules != null
        && rules.getTypeCase() != FieldRules.TypeCase.MAP
        && rules.getTypeCase() != FieldRules.TypeCase.TYPE_NOT_SET) {
      throw new UnsupportedRuleException(
          rules.getTypeCase() + " rules on map field " + field.getFullName());
    }
    if (rules == null || !rules.hasMap()) {
      return visit
          ? new FieldPlan.MapField(
              field,
              slot,
              keyShape,
              valueShape,
              -1,
              -1,
              false,
              ValueRule.NONE,
              ValueRule.NONE,
              true)
          : null;
    }
    MapRules map = rules.getMap();
    // no_sparse forbids unset message values; a parsed map cannot hold one (JSON null is refused),
    // so it always holds.
    RuleFields.each(map, field, (name, v) -> MAP_CONSTRAINTS.contains(name));
    ValueRule keyRule =
        map.hasKeys() ? FieldRuleCompiler.compile(map.getKeys(), key) : ValueRule.NONE;
    ValueRule valueRule =
        map.hasValues() ? FieldRuleCompiler.compile(map.getValues(), value) : ValueRule.NONE;
    if (map.hasValues() && FieldRuleCompiler.skipsMessage(map.getValues())) {
      visit = false;
    }
    return new FieldPlan.MapField(
        field,
        slot,
        keyShape,
        valueShape,
        map.hasMinPairs() ? map.getMinPairs() : -1,
        map.hasMaxPairs() ? map.getMaxPairs() : -1,
        map.getIgnoreEmpty(),
        keyRule,
        valueRule,
        visit);
  }

  /** Whether a message value can hold anything to check: everything but opaque well-known types. */
  private static boolean worthVisiting(ValueShape shape) {
    return MessagePlan.kindOf(shape.messageType()) != MessagePlan.Kind.OPAQUE;
  }
}
