package dev.rigging.validators;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the type-specific part of a PGV {@code FieldRules} into a {@link ValueRule} for single
 * values of a field (or of its elements, keys or values), checking that the rule kind fits the
 * field. Values reach the rule as {@link ValueShape} presents them.
 */
final class FieldRuleCompiler {

  /** Wrapper message types, to whose {@code value} PGV applies the matching scalar rules. */
  private static final Map<String, FieldDescriptor.Type> WRAPPERS =
      Map.of(
          "google.protobuf.DoubleValue", FieldDescriptor.Type.DOUBLE,
          "google.protobuf.FloatValue", FieldDescriptor.Type.FLOAT,
          "google.protobuf.Int64Value", FieldDescriptor.Type.INT64,
          "google.protobuf.UInt64Value", FieldDescriptor.Type.UINT64,
          "google.protobuf.Int32Value", FieldDescriptor.Type.INT32,
          "google.protobuf.UInt32Value", FieldDescriptor.Type.UINT32,
          "google.protobuf.BoolValue", FieldDescriptor.Type.BOOL,
          "google.protobuf.StringValue", FieldDescriptor.Type.STRING,
          "google.protobuf.BytesValue", FieldDescriptor.Type.BYTES);

  private FieldRuleCompiler() {}

  /**
   * Rule for one value of {@code field}.
   *
   * @throws UnsupportedRuleException when the rule kind is unknown or does not fit the field's type
   */
  static ValueRule compile(FieldRules rules, FieldDescriptor field) {
    FieldRules.TypeCase kind = rules.getTypeCase();
    return switch (kind) {
      case TYPE_NOT_SET -> ValueRule.NONE;
      case FLOAT,
          DOUBLE,
          INT32,
          INT64,
          UINT32,
          UINT64,
          SINT32,
          SINT64,
          FIXED32,
          FIXED64,
          SFIXED32,
          SFIXED64 -> {
        FieldDescriptor.Type type = FieldDescriptor.Type.valueOf(kind.name());
        Message numeric =
            (Message)
                rules.getField(FieldRules.getDescriptor().findFieldByNumber(kind.getNumber()));
        yield scalarOrWrapper(
            field,
            type,
            NumericRuleCompiler.compile(numeric, NumericRuleCompiler.Kind.of(type), field),
            kind);
      }
      case BOOL ->
          scalarOrWrapper(field, FieldDescriptor.Type.BOOL, bool(rules.getBool(), field), kind);
      case STRING ->
          scalarOrWrapper(
              field,
              FieldDescriptor.Type.STRING,
              StringRuleCompiler.compile(rules.getString(), field),
              kind);
      case BYTES ->
          scalarOrWrapper(
              field,
              FieldDescriptor.Type.BYTES,
              BytesRuleCompiler.compile(rules.getBytes(), field),
              kind);
      case ENUM -> {
        requireType(field, field.getType() == FieldDescriptor.Type.ENUM, kind);
        yield EnumRuleCompiler.compile(rules.getEnum(), field);
      }
      case ANY -> {
        if (isMessage(field, "google.protobuf.Any")) {
          yield any(rules.getAny(), field);
        }
        // Envoy's ExtensionConfigSource.config_source puts {required: true} any-rules on a
        // ConfigSource field: only presence can be meant, which requiresPresence covers.
        requireType(
            field,
            field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && rules.getAny().getInCount() == 0
                && rules.getAny().getNotInCount() == 0,
            kind);
        yield ValueRule.NONE;
      }
      case DURATION -> {
        requireMessage(field, "google.protobuf.Duration", kind);
        yield TimeRuleCompiler.duration(rules.getDuration(), field);
      }
      case TIMESTAMP -> {
        requireMessage(field, "google.protobuf.Timestamp", kind);
        yield TimeRuleCompiler.timestamp(rules.getTimestamp(), field);
      }
      case REPEATED, MAP ->
          throw new UnsupportedRuleException(
              kind + " rules where a single value is expected, on " + field.getFullName());
    };
  }

  /** Whether the rules demand presence, which PGV spells differently per kind. */
  static boolean requiresPresence(FieldRules rules) {
    return rules.getMessage().getRequired()
        || (rules.hasAny() && rules.getAny().getRequired())
        || (rules.hasDuration() && rules.getDuration().getRequired())
        || (rules.hasTimestamp() && rules.getTimestamp().getRequired());
  }

  /** Whether the rules forbid descending into the message value. */
  static boolean skipsMessage(FieldRules rules) {
    if (!rules.getMessage().getUnknownFields().asMap().isEmpty()) {
      throw new UnsupportedRuleException(
          "unknown MessageRules constraint in " + rules.getMessage());
    }
    return rules.getMessage().getSkip();
  }

  /**
   * The rule itself: the walker presents a wrapper's wrapped value, so no unwrapping is needed
   * here.
   */
  private static ValueRule scalarOrWrapper(
      FieldDescriptor field, FieldDescriptor.Type type, ValueRule rule, FieldRules.TypeCase kind) {
    boolean wrapper =
        field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
            && WRAPPERS.get(field.getMessageType().getFullName()) == type;
    requireType(field, field.getType() == type || wrapper, kind);
    return rule;
  }

  private static ValueRule bool(Message rules, FieldDescriptor field) {
    List<ValueRule> checks = new ArrayList<>();
    RuleFields.each(
        rules,
        field,
        (name, value) -> {
          if (!name.equals("const")) {
            return false;
          }
          checks.add(v -> v.equals(value) ? null : "value must equal " + value);
          return true;
        });
    return ValueRule.all(checks);
  }

  /** Rules on an {@code Any}, which the walker presents as its type URL. */
  private static ValueRule any(Message rules, FieldDescriptor field) {
    List<ValueRule> checks = new ArrayList<>();
    RuleFields.each(
        rules,
        field,
        (name, value) ->
            switch (name) {
              case "required" -> true;
              case "in" -> {
                Set<?> allowed = Set.copyOf((List<?>) value);
                checks.add(v -> allowed.contains(v) ? null : "type URL must be in list " + value);
                yield true;
              }
              case "not_in" -> {
                Set<?> denied = Set.copyOf((List<?>) value);
                checks.add(
                    v -> denied.contains(v) ? "type URL must not be in list " + value : null);
                yield true;
              }
              default -> false;
            });
    return ValueRule.all(checks);
  }

  private static void requireMessage(
      FieldDescriptor field, String fullName, FieldRules.TypeCase kind) {
    requireType(field, isMessage(field, fullName), kind);
  }

  private static boolean isMessage(FieldDescriptor field, String fullName) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && field.getMessageType().getFullName().equals(fullName);
  }

  private static void requireType(FieldDescriptor field, boolean fits, FieldRules.TypeCase kind) {
    if (!fits) {
      throw new UnsupportedRuleException(
          kind + " rules on " + field.getFullName() + " of type " + field.getType());
    }
  }
}
