package dev.rigging.validators;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles PGV {@code DurationRules} and {@code TimestampRules}. Their {@code required} constraint
 * concerns presence, which the field plan checks, so it is accepted here and not evaluated.
 */
final class TimeRuleCompiler {

  private static final FieldDescriptor DURATION_SECONDS =
      Duration.getDescriptor().findFieldByName("seconds");
  private static final FieldDescriptor DURATION_NANOS =
      Duration.getDescriptor().findFieldByName("nanos");
  private static final FieldDescriptor TIMESTAMP_SECONDS =
      Timestamp.getDescriptor().findFieldByName("seconds");
  private static final FieldDescriptor TIMESTAMP_NANOS =
      Timestamp.getDescriptor().findFieldByName("nanos");

  private TimeRuleCompiler() {}

  static ValueRule duration(Message rules, FieldDescriptor target) {
    OrderedConstraints<Duration> constraints =
        new OrderedConstraints<>(Durations.comparator(), Durations::toString);
    RuleFields.each(
        rules,
        target,
        (name, value) -> {
          if (name.equals("required")) {
            return true;
          }
          if (value instanceof List<?> list) {
            list.forEach(item -> constraints.set(name, (Duration) item));
            return name.equals("in") || name.equals("not_in");
          }
          return value instanceof Duration d && constraints.set(name, d);
        });
    return constraints.build(TimeRuleCompiler::toDuration);
  }

  static ValueRule timestamp(Message rules, FieldDescriptor target) {
    OrderedConstraints<Timestamp> constraints =
        new OrderedConstraints<>(Timestamps.comparator(), Timestamps::toString);
    boolean[] now = {false, false}; // lt_now, gt_now
    Duration[] within = {null};
    RuleFields.each(
        rules,
        target,
        (name, value) ->
            switch (name) {
              case "required" -> true;
              case "lt_now" -> {
                now[0] = (Boolean) value;
                yield true;
              }
              case "gt_now" -> {
                now[1] = (Boolean) value;
                yield true;
              }
              case "within" -> {
                within[0] = (Duration) value;
                yield true;
              }
              default -> value instanceof Timestamp t && constraints.set(name, t);
            });
    List<ValueRule> parts = new ArrayList<>();
    parts.add(constraints.build(TimeRuleCompiler::toTimestamp));
    parts.add(relativeToNow(now[0], now[1], within[0]));
    return ValueRule.all(parts);
  }

  /** PGV's clock-relative timestamp constraints, evaluated against the time of validation. */
  private static ValueRule relativeToNow(boolean ltNow, boolean gtNow, Duration within) {
    if (!ltNow && !gtNow && within == null) {
      return ValueRule.NONE;
    }
    String span = within == null ? "" : Durations.toString(within);
    return v -> {
      Timestamp ts = toTimestamp(v);
      Timestamp now = Timestamps.now();
      int vsNow = Timestamps.compare(ts, now);
      boolean inWindow =
          within == null
              || (Timestamps.compare(ts, Timestamps.subtract(now, within)) >= 0
                  && Timestamps.compare(ts, Timestamps.add(now, within)) <= 0);
      if (ltNow) {
        return vsNow < 0 && inWindow
            ? null
            : "value must be less than now" + (within == null ? "" : " within " + span);
      }
      if (gtNow) {
        return vsNow > 0 && inWindow
            ? null
            : "value must be greater than now" + (within == null ? "" : " within " + span);
      }
      return inWindow ? null : "value must be within " + span + " of now";
    };
  }

  /** A {@code google.protobuf.Duration} in whatever message class reflection handed out. */
  static Duration toDuration(Object value) {
    if (value instanceof Duration d) {
      return d;
    }
    Message m = (Message) value;
    return Duration.newBuilder()
        .setSeconds((Long) m.getField(DURATION_SECONDS))
        .setNanos((Integer) m.getField(DURATION_NANOS))
        .build();
  }

  static Timestamp toTimestamp(Object value) {
    if (value instanceof Timestamp t) {
      return t;
    }
    Message m = (Message) value;
    return Timestamp.newBuilder()
        .setSeconds((Long) m.getField(TIMESTAMP_SECONDS))
        .setNanos((Integer) m.getField(TIMESTAMP_NANOS))
        .build();
  }
}
