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
 * Reads the protoc-gen-validate options that the Envoy API jar carries on its descriptors
 * ({@code validate.rules} on fields, {@code validate.required} on oneofs, {@code validate.disabled}
 * and {@code validate.ignored} on messages) and compiles them into one {@link MessagePlan} per
 * message type, cached for the life of the validator.
 */
final class PgvRules {

    private final Map<Descriptor, MessagePlan> plans = new ConcurrentHashMap<>();

    /** Plan for {@code type}, compiled on first use. */
    MessagePlan planFor(Descriptor type) {
        MessagePlan plan = plans.get(type);
        if (plan == null) {
            // Not computeIfAbsent: compiling never recurses into other types, but keeping the map
            // unlocked during compilation costs nothing and a rare duplicate compile is harmless.
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
        if (kind != MessagePlan.Kind.FIELDS) {
            return new MessagePlan(kind, false, List.of(), List.of());
        }
        boolean disabled = type.getOptions().getExtension(Validate.disabled)
                || type.getOptions().getExtension(Validate.ignored);
        if (disabled) {
            return new MessagePlan(kind, true, List.of(), List.of());
        }
        List<OneofDescriptor> required = new ArrayList<>();
        for (OneofDescriptor oneof : type.getRealOneofs()) {
            if (oneof.getOptions().getExtension(Validate.required)) {
                required.add(oneof);
            }
        }
        List<FieldPlan> fields = new ArrayList<>();
        for (FieldDescriptor field : type.getFields()) {
            FieldPlan plan = planField(field);
            if (plan != null) {
                fields.add(plan);
            }
        }
        return new MessagePlan(kind, false, List.copyOf(required), List.copyOf(fields));
    }

    /** Plan for one field, or {@code null} when there is nothing to check or descend into. */
    private static FieldPlan planField(FieldDescriptor field) {
        FieldRules rules = field.getOptions().hasExtension(Validate.rules)
                ? field.getOptions().getExtension(Validate.rules)
                : null;
        try {
            if (rules != null && !rules.getUnknownFields().asMap().isEmpty()) {
                throw new UnsupportedRuleException("unknown FieldRules kind " + rules.getUnknownFields().asMap().keySet()
                        + " on " + field.getFullName());
            }
            if (field.isMapField()) {
                return mapPlan(field, rules);
            }
            if (field.isRepeated()) {
                return repeatedPlan(field, rules);
            }
            return singularPlan(field, rules);
        } catch (UnsupportedRuleException e) {
            return new FieldPlan.Unsupported(field, e.getMessage());
        }
    }

    private static FieldPlan singularPlan(FieldDescriptor field, FieldRules rules) {
        boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
        boolean visit = message && worthVisiting(field.getMessageType()) && (rules == null || !FieldRuleCompiler.skipsMessage(rules));
        if (rules == null) {
            return visit ? new FieldPlan.Singular(field, true, false, ValueRule.NONE, true) : null;
        }
        ValueRule rule = FieldRuleCompiler.compile(rules, field);
        // PGV evaluates a oneof member's rules only when that member is the one set, so "required" on
        // a member (Envoy has many) never fires: the oneof's own validate.required covers absence.
        boolean required = FieldRuleCompiler.requiresPresence(rules) && field.getRealContainingOneof() == null;
        if (rule == ValueRule.NONE && !required && !visit) {
            return null;
        }
        return new FieldPlan.Singular(field, message || field.hasPresence(), required, rule, visit);
    }

    private static FieldPlan repeatedPlan(FieldDescriptor field, FieldRules rules) {
        boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
        boolean visit = message && worthVisiting(field.getMessageType());
        if (rules != null && rules.getTypeCase() != FieldRules.TypeCase.REPEATED
                && rules.getTypeCase() != FieldRules.TypeCase.TYPE_NOT_SET) {
            throw new UnsupportedRuleException(rules.getTypeCase() + " rules on repeated field " + field.getFullName());
        }
        if (rules == null || !rules.hasRepeated()) {
            if (rules != null && rules.hasMessage()) {
                throw new UnsupportedRuleException("message rules on repeated field " + field.getFullName());
            }
            return visit ? new FieldPlan.Repeated(field, -1, -1, false, false, ValueRule.NONE, true) : null;
        }
        RepeatedRules repeated = rules.getRepeated();
        RuleFields.each(repeated, field, (name, value) ->
                List.of("min_items", "max_items", "unique", "items", "ignore_empty").contains(name));
        ValueRule items = repeated.hasItems() ? FieldRuleCompiler.compile(repeated.getItems(), field) : ValueRule.NONE;
        if (repeated.hasItems() && FieldRuleCompiler.skipsMessage(repeated.getItems())) {
            visit = false;
        }
        return new FieldPlan.Repeated(field,
                repeated.hasMinItems() ? repeated.getMinItems() : -1,
                repeated.hasMaxItems() ? repeated.getMaxItems() : -1,
                repeated.getUnique(), repeated.getIgnoreEmpty(), items, visit);
    }

    private static FieldPlan mapPlan(FieldDescriptor field, FieldRules rules) {
        FieldDescriptor key = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
        boolean visit = value.getJavaType() == FieldDescriptor.JavaType.MESSAGE && worthVisiting(value.getMessageType());
        if (rules != null && rules.getTypeCase() != FieldRules.TypeCase.MAP
                && rules.getTypeCase() != FieldRules.TypeCase.TYPE_NOT_SET) {
            throw new UnsupportedRuleException(rules.getTypeCase() + " rules on map field " + field.getFullName());
        }
        if (rules == null || !rules.hasMap()) {
            return visit ? new FieldPlan.MapField(field, key, value, -1, -1, false, ValueRule.NONE, ValueRule.NONE, true)
                    : null;
        }
        MapRules map = rules.getMap();
        // no_sparse forbids unset message values; a parsed map cannot hold one (JSON null is refused), so it always holds.
        RuleFields.each(map, field, (name, v) ->
                List.of("min_pairs", "max_pairs", "no_sparse", "keys", "values", "ignore_empty").contains(name));
        ValueRule keyRule = map.hasKeys() ? FieldRuleCompiler.compile(map.getKeys(), key) : ValueRule.NONE;
        ValueRule valueRule = map.hasValues() ? FieldRuleCompiler.compile(map.getValues(), value) : ValueRule.NONE;
        if (map.hasValues() && FieldRuleCompiler.skipsMessage(map.getValues())) {
            visit = false;
        }
        return new FieldPlan.MapField(field, key, value,
                map.hasMinPairs() ? map.getMinPairs() : -1,
                map.hasMaxPairs() ? map.getMaxPairs() : -1,
                map.getIgnoreEmpty(), keyRule, valueRule, visit);
    }

    /** Whether values of {@code type} can hold anything to check: everything but opaque well-known types. */
    private static boolean worthVisiting(Descriptor type) {
        return MessagePlan.kindOf(type) != MessagePlan.Kind.OPAQUE;
    }
}
