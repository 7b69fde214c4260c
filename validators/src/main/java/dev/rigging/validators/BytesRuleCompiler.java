package dev.rigging.validators;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Compiles PGV {@code BytesRules}. */
final class BytesRuleCompiler {

  private BytesRuleCompiler() {}

  static ValueRule compile(Message rules, FieldDescriptor target) {
    List<ValueRule> checks = new ArrayList<>();
    boolean[] ignoreEmpty = {false};
    RuleFields.each(
        rules,
        target,
        (name, value) -> {
          switch (name) {
            case "const" -> checks.add(is(value::equals, "value must equal " + hex(value)));
            case "len" ->
                checks.add(
                    is(b -> b.size() == (Long) value, "value length must be " + value + " bytes"));
            case "min_len" ->
                checks.add(
                    is(
                        b -> b.size() >= (Long) value,
                        "value length must be at least " + value + " bytes"));
            case "max_len" ->
                checks.add(
                    is(
                        b -> b.size() <= (Long) value,
                        "value length must be at most " + value + " bytes"));
            case "pattern" -> {
              Pattern compiled = Pattern.compile((String) value);
              checks.add(
                  is(
                      b -> compiled.matcher(b.toByteArray()).find(),
                      "value does not match regex pattern \"" + value + "\""));
            }
            case "prefix" ->
                checks.add(
                    is(
                        b -> b.startsWith((ByteString) value),
                        "value does not have prefix " + hex(value)));
            case "suffix" ->
                checks.add(
                    is(
                        b -> b.endsWith((ByteString) value),
                        "value does not have suffix " + hex(value)));
            case "contains" ->
                checks.add(
                    is(
                        b -> indexOf(b, (ByteString) value) >= 0,
                        "value does not contain " + hex(value)));
            case "in" -> {
              Set<?> allowed = Set.copyOf((List<?>) value);
              checks.add(is(allowed::contains, "value must be in list " + hexList(value)));
            }
            case "not_in" -> {
              Set<?> denied = Set.copyOf((List<?>) value);
              checks.add(
                  is(b -> !denied.contains(b), "value must not be in list " + hexList(value)));
            }
            case "ip" ->
                checks.add(
                    enabled(
                        value,
                        b -> b.size() == 4 || b.size() == 16,
                        "value must be a valid IP address"));
            case "ipv4" ->
                checks.add(
                    enabled(value, b -> b.size() == 4, "value must be a valid IPv4 address"));
            case "ipv6" ->
                checks.add(
                    enabled(value, b -> b.size() == 16, "value must be a valid IPv6 address"));
            case "ignore_empty" -> ignoreEmpty[0] = (Boolean) value;
            default -> {
              return false;
            }
          }
          return true;
        });
    ValueRule rule = ValueRule.all(checks);
    if (!ignoreEmpty[0] || rule == ValueRule.NONE) {
      return rule;
    }
    return v -> ((ByteString) v).isEmpty() ? null : rule.check(v);
  }

  private static ValueRule enabled(Object flag, Predicate<ByteString> test, String failure) {
    return Boolean.TRUE.equals(flag) ? is(test, failure) : ValueRule.NONE;
  }

  private static ValueRule is(Predicate<ByteString> test, String failure) {
    return v -> test.test((ByteString) v) ? null : failure;
  }

  private static int indexOf(ByteString haystack, ByteString needle) {
    outer:
    for (int i = 0; i + needle.size() <= haystack.size(); i++) {
      for (int j = 0; j < needle.size(); j++) {
        if (haystack.byteAt(i + j) != needle.byteAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String hex(Object bytes) {
    return "0x" + HexFormat.of().formatHex(((ByteString) bytes).toByteArray());
  }

  private static String hexList(Object list) {
    return ((List<?>) list).stream().map(BytesRuleCompiler::hex).toList().toString();
  }
}
