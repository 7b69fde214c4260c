package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates compiled PGV plans on a message in protobuf wire format, descending through nested
 * messages, repeated fields, map values and {@code Any} contents, and collects every violation with
 * its path. Walking bytes rather than message objects matters for speed: an {@code Any} holds its
 * content as bytes, which would otherwise be parsed a second time just to be inspected, and fields
 * without rules are skipped without being decoded. Stateless apart from its caches, so thread-safe.
 */
final class RuleEvaluator {

  private static final int[] NO_COUNTS = new int[0];

  private final PgvRules rules;
  private final TypeResolver types;

  RuleEvaluator(PgvRules rules, TypeResolver types) {
    this.rules = rules;
    this.types = types;
  }

  /**
   * Adds to {@code out} every violation in {@code message}, with paths relative to {@code path}.
   */
  void validate(Message message, ViolationPath path, List<Violation> out) {
    validate(message.getDescriptorForType(), message.toByteArray(), path, out);
  }

  /** As {@link #validate(Message, ViolationPath, List)}, for a message in wire format. */
  void validate(Descriptor type, byte[] bytes, ViolationPath path, List<Violation> out) {
    validate(type, bytes, path, out, null);
  }

  /**
   * As {@link #validate(Descriptor, byte[], ViolationPath, List)}, taking the violations of each
   * message {@code memo} keeps from {@code memo} when the same bytes were walked before.
   */
  void validate(
      Descriptor type, byte[] bytes, ViolationPath path, List<Violation> out, WalkMemo memo) {
    walk(type, new WireReader(bytes, 0, bytes.length), bytes.length, path, out, memo);
  }

  /** Walks a message of {@code type} from the reader's position to {@code end}. */
  private void walk(
      Descriptor type,
      WireReader in,
      int end,
      ViolationPath path,
      List<Violation> out,
      WalkMemo memo) {
    if (memo == null || !memo.keeps(type)) {
      walkMessage(type, in, end, path, out, memo);
      return;
    }
    int start = in.position();
    WalkMemo.Walked walked = memo.find(type, in.buffer(), start, end);
    if (walked != null) {
      walked.replay(path, out);
      in.seek(end);
      return;
    }
    int before = out.size();
    walkMessage(type, in, end, path, out, memo);
    memo.remember(type, in.buffer(), start, end, path, out.subList(before, out.size()));
  }

  private void walkMessage(
      Descriptor type,
      WireReader in,
      int end,
      ViolationPath path,
      List<Violation> out,
      WalkMemo memo) {
    MessagePlan plan = rules.planFor(type);
    switch (plan.kind()) {
      case ANY -> walkAny(in, end, path, out, memo);
      case DURATION -> {
        long[] parts = ValueShape.secondsAndNanos(in, end);
        report(out, path, EnvoyDurations.check(parts[0], (int) parts[1]));
      }
      case OPAQUE -> in.seek(end);
      case FIELDS -> walkFields(plan, in, end, path, out, memo);
    }
  }

  private void walkFields(
      MessagePlan plan,
      WireReader in,
      int end,
      ViolationPath path,
      List<Violation> out,
      WalkMemo memo) {
    if (plan.disabled()) {
      in.seek(end);
      return;
    }
    int[] counts = plan.fields().isEmpty() ? NO_COUNTS : new int[plan.fields().size()];
    Set<?>[] seen = null;
    while (in.position() < end) {
      int tag = (int) in.readVarint();
      FieldPlan field = plan.field(tag >>> 3);
      if (field == null) {
        in.skip(tag & 7);
        continue;
      }
      switch (field) {
        case FieldPlan.Singular s -> {
          counts[s.slot()]++;
          value(s.shape(), s.rule(), s.visit(), in, path.field(s.field().getName()), out, memo);
        }
        case FieldPlan.Repeated r -> {
          if (r.unique() && seen == null) {
            seen = new Set<?>[counts.length];
          }
          if ((tag & 7) == WireReader.LENGTH_DELIMITED && !r.shape().wire().isLengthDelimited()) {
            int packedEnd = in.readLengthDelimited();
            while (in.position() < packedEnd) {
              element(r, counts[r.slot()]++, in, seen, path, out, memo);
            }
          } else {
            element(r, counts[r.slot()]++, in, seen, path, out, memo);
          }
        }
        case FieldPlan.MapField m -> {
          counts[m.slot()]++;
          entry(m, in, path, out, memo);
        }
        case FieldPlan.Presence p -> {
          counts[p.slot()]++;
          in.skip(tag & 7);
        }
        case FieldPlan.Unsupported u -> in.skip(tag & 7);
      }
    }
    finish(plan, counts, path, out);
  }

  /** Checks one value and descends into it if it is a message worth visiting. */
  private void value(
      ValueShape shape,
      ValueRule rule,
      boolean visit,
      WireReader in,
      ViolationPath path,
      List<Violation> out,
      WalkMemo memo) {
    if (rule == ValueRule.NONE && !visit) {
      shape.wire().skip(in);
      return;
    }
    if (shape.wire() != WireType.MESSAGE) {
      report(out, path, rule.check(shape.wire().read(in)));
      return;
    }
    int start = in.position();
    if (rule != ValueRule.NONE) {
      report(out, path, rule.check(shape.read(in)));
      in.seek(start);
    }
    int end = in.readLengthDelimited();
    if (visit) {
      walk(shape.messageType(), in, end, path, out, memo);
    }
    in.seek(end);
  }

  private void element(
      FieldPlan.Repeated plan,
      int index,
      WireReader in,
      Set<?>[] seen,
      ViolationPath path,
      List<Violation> out,
      WalkMemo memo) {
    ViolationPath itemPath = path.field(plan.field().getName()).index(index);
    if (!plan.unique()) {
      value(plan.shape(), plan.itemRule(), plan.visitItems(), in, itemPath, out, memo);
      return;
    }
    // PGV allows unique only on scalars, so the element can be read into a comparable value.
    Object item = plan.shape().read(in);
    @SuppressWarnings("unchecked")
    Set<Object> items =
        (Set<Object>)
            (seen[plan.slot()] == null ? seen[plan.slot()] = new HashSet<>() : seen[plan.slot()]);
    if (!items.add(item)) {
      out.add(new Violation(itemPath.toString(), "repeated value must contain unique items"));
    }
    report(out, itemPath, plan.itemRule().check(item));
  }

  /** One map entry: a nested message whose field 1 is the key and field 2 the value. */
  private void entry(
      FieldPlan.MapField plan,
      WireReader in,
      ViolationPath path,
      List<Violation> out,
      WalkMemo memo) {
    int end = in.readLengthDelimited();
    Object key = plan.keyShape().wire().defaultValue();
    int valueAt = -1;
    while (in.position() < end) {
      int tag = (int) in.readVarint();
      int number = tag >>> 3;
      if (number == 1) {
        key = plan.keyShape().read(in);
      } else if (number == 2) {
        valueAt = in.position();
        in.skip(tag & 7);
      } else {
        in.skip(tag & 7);
      }
    }
    ViolationPath entryPath = path.field(plan.field().getName()).key(String.valueOf(key));
    String keyFailure = plan.keyRule().check(key);
    if (keyFailure != null) {
      out.add(new Violation(entryPath.toString(), "invalid key: " + keyFailure));
    }
    if (valueAt >= 0) {
      in.seek(valueAt);
      value(plan.valueShape(), plan.valueRule(), plan.visitValues(), in, entryPath, out, memo);
    } else if (plan.valueShape().wire() != WireType.MESSAGE) {
      report(out, entryPath, plan.valueRule().check(plan.valueShape().wire().defaultValue()));
    }
    in.seek(end);
  }

  /** After a message's fields: absent fields, counts and required oneofs. */
  private void finish(MessagePlan plan, int[] counts, ViolationPath path, List<Violation> out) {
    FieldPlan[] atEnd = plan.atEnd();
    for (int i = 0; i < atEnd.length; i++) {
      FieldPlan field = atEnd[i];
      int count = counts[field.slot()];
      switch (field) {
        case FieldPlan.Singular s -> {
          if (count == 0) {
            if (s.required()) {
              out.add(
                  new Violation(path.field(s.field().getName()).toString(), "value is required"));
            } else if (!s.onlyWhenSet()) {
              String failure = plan.defaultFailure(i, s);
              if (failure != null) {
                report(out, path.field(s.field().getName()), failure);
              }
            }
          }
        }
        case FieldPlan.Repeated r ->
            counted(
                out,
                path,
                r.field(),
                count,
                r.minItems(),
                r.maxItems(),
                r.ignoreEmpty(),
                "item(s)");
        case FieldPlan.MapField m ->
            counted(
                out,
                path,
                m.field(),
                count,
                m.minPairs(),
                m.maxPairs(),
                m.ignoreEmpty(),
                "pair(s)");
        case FieldPlan.Unsupported u ->
            out.add(
                new Violation(
                    path.field(u.field().getName()).toString(), "cannot validate: " + u.reason()));
        case FieldPlan.Presence p -> {}
      }
    }
    for (MessagePlan.RequiredOneof required : plan.requiredOneofs()) {
      boolean set = false;
      for (int slot : required.slots()) {
        set |= counts[slot] > 0;
      }
      if (!set) {
        out.add(
            new Violation(
                path.toString(),
                "exactly one of "
                    + required.oneof().getFields().stream()
                        .map(FieldDescriptor::getName)
                        .collect(Collectors.joining(", ", "[", "]"))
                    + " is required (oneof "
                    + required.oneof().getName()
                    + ")"));
      }
    }
  }

  private static void counted(
      List<Violation> out,
      ViolationPath path,
      FieldDescriptor field,
      int count,
      long min,
      long max,
      boolean ignoreEmpty,
      String unit) {
    if (count == 0 && ignoreEmpty) {
      return;
    }
    if (min >= 0 && count < min) {
      out.add(
          new Violation(
              path.field(field.getName()).toString(),
              "value must contain at least " + min + " " + unit));
    }
    if (max >= 0 && count > max) {
      out.add(
          new Violation(
              path.field(field.getName()).toString(),
              "value must contain no more than " + max + " " + unit));
    }
  }

  /**
   * The content of an {@code Any}, which in JSON sits inline at the same path, walked as its own
   * type.
   */
  private void walkAny(
      WireReader in, int end, ViolationPath path, List<Violation> out, WalkMemo memo) {
    String typeUrl = "";
    int valueStart = -1;
    int valueEnd = -1;
    while (in.position() < end) {
      int tag = (int) in.readVarint();
      int number = tag >>> 3;
      if (number == 1) {
        typeUrl = in.readString();
      } else if (number == 2) {
        valueEnd = in.readLengthDelimited();
        valueStart = in.position();
        in.seek(valueEnd);
      } else {
        in.skip(tag & 7);
      }
    }
    if (typeUrl.isEmpty()) {
      return;
    }
    Descriptor content = types.find(typeUrl);
    if (content == null && types.load(typeUrl)) {
      content = types.find(typeUrl);
    }
    if (content == null) {
      out.add(
          new Violation(
              path.toString(),
              "@type " + typeUrl + " cannot be resolved: no such message type in the Envoy API"));
      return;
    }
    if (valueStart >= 0) {
      WireReader value = new WireReader(in.buffer(), valueStart, valueEnd);
      walk(content, value, valueEnd, path, out, memo);
    } else {
      walk(content, new WireReader(in.buffer(), end, end), end, path, out, memo);
    }
  }

  private static void report(List<Violation> out, ViolationPath path, String failure) {
    if (failure != null) {
      out.add(new Violation(path.toString(), failure));
    }
  }
}
