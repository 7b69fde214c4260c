package dev.rigging.validators;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Map;

/**
 * Walks the constraints set in one PGV rules message, refusing any it is not told how to handle.
 */
final class RuleFields {

  /** Handles one set constraint, by its name in {@code validate.proto}. */
  @FunctionalInterface
  interface Handler {
    /**
     * @return whether the constraint is supported
     */
    boolean handle(String name, Object value);
  }

  private RuleFields() {}

  /**
   * Calls {@code handler} for every constraint set in {@code rules}.
   *
   * @param target the field the rules are declared on, for error messages
   * @throws UnsupportedRuleException for a constraint the handler does not support, or one this
   *     jar's {@code validate.proto} does not even define (an unknown field of the rules message)
   */
  static void each(Message rules, FieldDescriptor target, Handler handler) {
    if (!rules.getUnknownFields().asMap().isEmpty()) {
      throw new UnsupportedRuleException(
          "unknown PGV constraint numbers "
              + rules.getUnknownFields().asMap().keySet()
              + " in "
              + rules.getDescriptorForType().getName()
              + " on "
              + target.getFullName());
    }
    for (Map.Entry<FieldDescriptor, Object> entry : rules.getAllFields().entrySet()) {
      String name = entry.getKey().getName();
      if (!handler.handle(name, entry.getValue())) {
        throw new UnsupportedRuleException(
            "unsupported PGV constraint "
                + rules.getDescriptorForType().getName()
                + "."
                + name
                + " on "
                + target.getFullName());
      }
    }
  }
}
