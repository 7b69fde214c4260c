package dev.rigging.validators;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates compiled PGV plans on a parsed message tree, descending through nested messages,
 * repeated fields, map values and {@code Any} contents (unpacked with the type resolver), and
 * collects every violation with its path. Stateless apart from its caches, so thread-safe.
 */
final class RuleEvaluator {

    private static final FieldDescriptor ANY_TYPE_URL = Any.getDescriptor().findFieldByName("type_url");
    private static final FieldDescriptor ANY_VALUE = Any.getDescriptor().findFieldByName("value");

    private final PgvRules rules;
    private final TypeResolver types;

    RuleEvaluator(PgvRules rules, TypeResolver types) {
        this.rules = rules;
        this.types = types;
    }

    /** Adds to {@code out} every violation in {@code message}, with paths relative to {@code path}. */
    void validate(Message message, ViolationPath path, List<Violation> out) {
        MessagePlan plan = rules.planFor(message.getDescriptorForType());
        switch (plan.kind()) {
            case ANY -> validateAny(message, path, out);
            case DURATION -> report(out, path, EnvoyDurations.check(message));
            case OPAQUE -> { }
            case FIELDS -> validateFields(message, plan, path, out);
        }
    }

    private void validateFields(Message message, MessagePlan plan, ViolationPath path, List<Violation> out) {
        if (plan.disabled()) {
            return;
        }
        for (OneofDescriptor oneof : plan.requiredOneofs()) {
            if (!message.hasOneof(oneof)) {
                out.add(new Violation(path.toString(), "exactly one of " + oneofFields(oneof)
                        + " is required (oneof " + oneof.getName() + ")"));
            }
        }
        for (FieldPlan field : plan.fields()) {
            switch (field) {
                case FieldPlan.Singular s -> singular(message, s, path, out);
                case FieldPlan.Repeated r -> repeated(message, r, path, out);
                case FieldPlan.MapField m -> map(message, m, path, out);
                case FieldPlan.Unsupported u -> out.add(new Violation(path.field(u.field().getName()).toString(),
                        "cannot validate: " + u.reason()));
            }
        }
    }

    private void singular(Message message, FieldPlan.Singular plan, ViolationPath path, List<Violation> out) {
        FieldDescriptor field = plan.field();
        if (plan.onlyWhenSet() && !message.hasField(field)) {
            if (plan.required()) {
                out.add(new Violation(path.field(field.getName()).toString(), "value is required"));
            }
            return;
        }
        Object value = message.getField(field);
        String failure = plan.rule().check(value);
        if (failure != null) {
            out.add(new Violation(path.field(field.getName()).toString(), failure));
        }
        if (plan.visit()) {
            validate((Message) value, path.field(field.getName()), out);
        }
    }

    private void repeated(Message message, FieldPlan.Repeated plan, ViolationPath path, List<Violation> out) {
        FieldDescriptor field = plan.field();
        int count = message.getRepeatedFieldCount(field);
        if (count == 0 && (plan.ignoreEmpty() || (plan.minItems() <= 0))) {
            return;
        }
        ViolationPath fieldPath = path.field(field.getName());
        if (plan.minItems() >= 0 && count < plan.minItems()) {
            out.add(new Violation(fieldPath.toString(), "value must contain at least " + plan.minItems() + " item(s)"));
        }
        if (plan.maxItems() >= 0 && count > plan.maxItems()) {
            out.add(new Violation(fieldPath.toString(),
                    "value must contain no more than " + plan.maxItems() + " item(s)"));
        }
        Set<Object> seen = plan.unique() ? new HashSet<>() : null;
        boolean checkItems = plan.itemRule() != ValueRule.NONE;
        if (seen == null && !checkItems && !plan.visitItems()) {
            return;
        }
        for (int i = 0; i < count; i++) {
            Object item = message.getRepeatedField(field, i);
            if (seen != null && !seen.add(item instanceof EnumValueDescriptor e ? e.getNumber() : item)) {
                out.add(new Violation(fieldPath.index(i).toString(), "repeated value must contain unique items"));
            }
            if (checkItems) {
                report(out, fieldPath, i, plan.itemRule().check(item));
            }
            if (plan.visitItems()) {
                validate((Message) item, fieldPath.index(i), out);
            }
        }
    }

    private void map(Message message, FieldPlan.MapField plan, ViolationPath path, List<Violation> out) {
        FieldDescriptor field = plan.field();
        int count = message.getRepeatedFieldCount(field);
        if (count == 0 && (plan.ignoreEmpty() || plan.minPairs() <= 0)) {
            return;
        }
        ViolationPath fieldPath = path.field(field.getName());
        if (plan.minPairs() >= 0 && count < plan.minPairs()) {
            out.add(new Violation(fieldPath.toString(), "value must contain at least " + plan.minPairs() + " pair(s)"));
        }
        if (plan.maxPairs() >= 0 && count > plan.maxPairs()) {
            out.add(new Violation(fieldPath.toString(),
                    "value must contain no more than " + plan.maxPairs() + " pair(s)"));
        }
        for (int i = 0; i < count; i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            Object key = entry.getField(plan.keyField());
            Object value = entry.getField(plan.valueField());
            String keyFailure = plan.keyRule().check(key);
            String valueFailure = plan.valueRule().check(value);
            if (keyFailure != null || valueFailure != null || plan.visitValues()) {
                ViolationPath entryPath = fieldPath.key(String.valueOf(key));
                if (keyFailure != null) {
                    out.add(new Violation(entryPath.toString(), "invalid key: " + keyFailure));
                }
                report(out, entryPath, valueFailure);
                if (plan.visitValues()) {
                    validate((Message) value, entryPath, out);
                }
            }
        }
    }

    /** Validates the content of an {@code Any}, which in JSON sits inline at the same path. */
    private void validateAny(Message any, ViolationPath path, List<Violation> out) {
        String typeUrl = (String) any.getField(ANY_TYPE_URL);
        if (typeUrl.isEmpty()) {
            return;
        }
        Descriptor content = types.find(typeUrl);
        if (content == null && types.load(typeUrl)) {
            content = types.find(typeUrl);
        }
        if (content == null) {
            out.add(new Violation(path.toString(),
                    "@type " + typeUrl + " cannot be resolved: no such message type in the Envoy API"));
            return;
        }
        try {
            ByteString bytes = (ByteString) any.getField(ANY_VALUE);
            validate(DynamicMessage.parseFrom(content, bytes), path, out);
        } catch (InvalidProtocolBufferException e) {
            out.add(new Violation(path.toString(), "content of " + typeUrl + " cannot be decoded: " + e.getMessage()));
        }
    }

    private static void report(List<Violation> out, ViolationPath path, String failure) {
        if (failure != null) {
            out.add(new Violation(path.toString(), failure));
        }
    }

    private static void report(List<Violation> out, ViolationPath path, int index, String failure) {
        if (failure != null) {
            out.add(new Violation(path.index(index).toString(), failure));
        }
    }

    private static String oneofFields(OneofDescriptor oneof) {
        return oneof.getFields().stream().map(FieldDescriptor::getName).collect(Collectors.joining(", ", "[", "]"));
    }
}
