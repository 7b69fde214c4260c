package dev.rigging.validators;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Compiles PGV {@code StringRules}; patterns are compiled once, with RE2 semantics as in Envoy. */
final class StringRuleCompiler {

  private StringRuleCompiler() {}

  static ValueRule compile(Message rules, FieldDescriptor target) {
    List<ValueRule> checks = new ArrayList<>();
    List<ValueRule> late = new ArrayList<>();
    long[] lengths = {-1, -1}; // min_len, max_len: PGV words them together when both are set
    boolean[] flags = {true, false}; // strict, ignore_empty
    EnumValueDescriptor[] knownRegex = {null};
    RuleFields.each(
        rules,
        target,
        (name, value) -> {
          switch (name) {
            case "const" -> checks.add(is(value::equals, "value must equal " + quote(value)));
            case "len" ->
                checks.add(
                    is(s -> runes(s) == (Long) value, "value length must be " + value + " runes"));
            case "min_len" -> lengths[0] = (Long) value;
            case "max_len" -> lengths[1] = (Long) value;
            case "len_bytes" ->
                checks.add(
                    is(
                        s -> utf8Length(s) == (Long) value,
                        "value length must be " + value + " bytes"));
            case "min_bytes" ->
                checks.add(
                    is(
                        s -> utf8Length(s) >= (Long) value,
                        "value length must be at least " + value + " bytes"));
            case "max_bytes" ->
                checks.add(
                    is(
                        s -> utf8Length(s) <= (Long) value,
                        "value length must be at most " + value + " bytes"));
            case "prefix" ->
                checks.add(
                    is(
                        s -> s.startsWith((String) value),
                        "value does not have prefix " + quote(value)));
            case "suffix" ->
                checks.add(
                    is(
                        s -> s.endsWith((String) value),
                        "value does not have suffix " + quote(value)));
            case "contains" ->
                checks.add(
                    is(
                        s -> s.contains((String) value),
                        "value does not contain substring " + quote(value)));
            case "not_contains" ->
                checks.add(
                    is(
                        s -> !s.contains((String) value),
                        "value contains substring " + quote(value)));
            case "in" -> {
              Set<?> allowed = Set.copyOf((List<?>) value);
              checks.add(is(allowed::contains, "value must be in list " + value));
            }
            case "not_in" -> {
              Set<?> denied = Set.copyOf((List<?>) value);
              checks.add(is(s -> !denied.contains(s), "value must not be in list " + value));
            }
            case "pattern" -> late.add(pattern((String) value));
            case "email" ->
                late.add(
                    format(
                        value, WellKnownFormats::isEmail, "value must be a valid email address"));
            case "hostname" ->
                late.add(
                    format(value, WellKnownFormats::isHostname, "value must be a valid hostname"));
            case "ip" ->
                late.add(format(value, WellKnownFormats::isIp, "value must be a valid IP address"));
            case "ipv4" ->
                late.add(
                    format(value, WellKnownFormats::isIpv4, "value must be a valid IPv4 address"));
            case "ipv6" ->
                late.add(
                    format(value, WellKnownFormats::isIpv6, "value must be a valid IPv6 address"));
            case "uri" ->
                late.add(
                    format(value, WellKnownFormats::isUri, "value must be a valid absolute URI"));
            case "uri_ref" ->
                late.add(format(value, WellKnownFormats::isUriRef, "value must be a valid URI"));
            case "address" ->
                late.add(
                    format(
                        value,
                        WellKnownFormats::isAddress,
                        "value must be a valid hostname, or ip address"));
            case "uuid" ->
                late.add(format(value, WellKnownFormats::isUuid, "value must be a valid UUID"));
            case "well_known_regex" -> knownRegex[0] = (EnumValueDescriptor) value;
            case "strict" -> flags[0] = (Boolean) value;
            case "ignore_empty" -> flags[1] = (Boolean) value;
            default -> {
              return false;
            }
          }
          return true;
        });
    checks.add(lengthRule(lengths[0], lengths[1]));
    if (knownRegex[0] != null) {
      late.add(knownRegex(knownRegex[0], flags[0], target));
    }
    checks.addAll(late);
    ValueRule rule = ValueRule.all(checks);
    if (!flags[1] || rule == ValueRule.NONE) {
      return rule;
    }
    return v -> ((String) v).isEmpty() ? null : rule.check(v);
  }

  private static ValueRule lengthRule(long min, long max) {
    if (min >= 0 && max >= 0) {
      String failure =
          min == max
              ? "value length must be " + min + " runes"
              : "value length must be between " + min + " and " + max + " runes, inclusive";
      return is(s -> runes(s) >= min && runes(s) <= max, failure);
    }
    if (min >= 0) {
      return is(s -> runes(s) >= min, "value length must be at least " + min + " runes");
    }
    if (max >= 0) {
      return is(s -> runes(s) <= max, "value length must be at most " + max + " runes");
    }
    return ValueRule.NONE;
  }

  private static ValueRule pattern(String regex) {
    Pattern compiled = Pattern.compile(regex);
    String failure = "value does not match regex pattern " + quote(regex);
    // PGV searches (Go's MatchString), it does not require the whole value to match.
    return is(s -> compiled.matcher(s).find(), failure);
  }

  private static ValueRule format(Object enabled, Predicate<String> test, String failure) {
    return Boolean.TRUE.equals(enabled) ? is(test, failure) : ValueRule.NONE;
  }

  private static ValueRule knownRegex(
      EnumValueDescriptor regex, boolean strict, FieldDescriptor target) {
    return switch (regex.getName()) {
      case "HTTP_HEADER_NAME" ->
          strict
              ? is(
                  WellKnownFormats::isStrictHeaderName,
                  "value does not match regex pattern \"^:?[0-9a-zA-Z!#$%&'*+-.^_|~\\x60]+$\"")
              : is(
                  WellKnownFormats::hasNoNulCrLf,
                  "value does not match regex pattern \"^[^\\u0000\\u000A\\u000D]*$\"");
      case "HTTP_HEADER_VALUE" ->
          strict
              ? is(
                  WellKnownFormats::isStrictHeaderValue,
                  "value does not match regex pattern"
                      + " \"^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$\"")
              : is(
                  WellKnownFormats::hasNoNulCrLf,
                  "value does not match regex pattern \"^[^\\u0000\\u000A\\u000D]*$\"");
      case "UNKNOWN" -> ValueRule.NONE;
      default ->
          throw new UnsupportedRuleException(
              "unsupported well_known_regex " + regex.getName() + " on " + target.getFullName());
    };
  }

  private static ValueRule is(Predicate<String> test, String failure) {
    return v -> test.test((String) v) ? null : failure;
  }

  private static String quote(Object value) {
    return "\"" + value + "\"";
  }

  /** Length in Unicode code points, PGV's "runes". */
  static long runes(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Length of the UTF-8 encoding, computed without encoding. */
  static long utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
