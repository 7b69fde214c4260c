package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When PGV rules apply and where violations are reported, on {@link TestProtos#SAMPLE}: oneofs,
 * presence, wrappers, maps, repeated fields, skip, disabled messages, {@code Any} and timestamps.
 */
class RuleSemanticsTest {

  private static final RuleEvaluator EVALUATOR =
      new RuleEvaluator(new PgvRules(), new TypeResolver(TypeRegistryFactory.emittedFiles()));

  private static FieldDescriptor field(Descriptor type, String name) {
    return type.findFieldByName(name);
  }

  private static DynamicMessage item(String name) {
    return DynamicMessage.newBuilder(TestProtos.ITEM)
        .setField(field(TestProtos.ITEM, "name"), name)
        .build();
  }

  private static DynamicMessage mapEntry(String mapField, Object key, Object value) {
    Descriptor entry = field(TestProtos.SAMPLE, mapField).getMessageType();
    return DynamicMessage.newBuilder(entry)
        .setField(entry.findFieldByName("key"), key)
        .setField(entry.findFieldByName("value"), value)
        .build();
  }

  /** A sample that satisfies every rule; tests change one thing. */
  private static DynamicMessage.Builder validSample() {
    return DynamicMessage.newBuilder(TestProtos.SAMPLE)
        .addRepeatedField(field(TestProtos.SAMPLE, "items"), mapEntry("items", "ab", item("n")))
        .setField(field(TestProtos.SAMPLE, "a"), "x")
        .setField(field(TestProtos.SAMPLE, "needed"), item("n"))
        .setField(field(TestProtos.SAMPLE, "plain"), 6);
  }

  private static List<Violation> validate(Message message) {
    List<Violation> out = new ArrayList<>();
    EVALUATOR.validate(message, ViolationPath.ROOT, out);
    return out;
  }

  private static DynamicMessage.Builder with(String name, Object value) {
    return validSample().setField(field(TestProtos.SAMPLE, name), value);
  }

  private static void assertViolations(Message message, String... pathAndMessage) {
    List<String> actual = validate(message).stream().map(Violation::toString).toList();
    assertEquals(List.of(pathAndMessage), actual);
  }

  @Test
  void sampleSatisfyingEveryRule_passes() {
    assertViolations(validSample().build());
  }

  @Test
  void unsetRequiredOneof_isReportedOnItsMessage() {
    assertViolations(
        validSample().clearField(field(TestProtos.SAMPLE, "a")).build(),
        "<root>: exactly one of [a, b] is required (oneof choice)");
  }

  @Test
  void rulesOfOneofMember_applyOnlyWhenThatMemberIsSet() {
    assertViolations(with("b", item("n")).build());
    assertViolations(with("a", "").build(), "a: value length must be at least 1 runes");
  }

  @Test
  void proto3Optional_isCheckedOnlyWhenPresent_plainScalarEvenAtDefault() {
    assertViolations(with("opt", 1).build(), "opt: value must be greater than 5");
    assertViolations(
        validSample().clearField(field(TestProtos.SAMPLE, "plain")).build(),
        "plain: value must be greater than 5");
  }

  @Test
  void mapKeysValuesAndPairs_areCheckedPerEntry() {
    assertViolations(
        validSample().clearField(field(TestProtos.SAMPLE, "items")).build(),
        "items: value must contain at least 1 pair(s)");
    assertViolations(
        validSample()
            .addRepeatedField(field(TestProtos.SAMPLE, "items"), mapEntry("items", "k", item("")))
            .build(),
        "items[\"k\"]: invalid key: value length must be at least 2 runes",
        "items[\"k\"].name: value length must be at least 1 runes");
    assertViolations(
        with("codes", List.of(mapEntry("codes", 5, "y"))).build(),
        "codes[\"5\"]: invalid key: value must be greater than or equal to 100",
        "codes[\"5\"]: value does not have prefix \"x\"");
  }

  @Test
  void wrapperRules_applyToTheWrappedValueWhenSet() {
    assertViolations(with("weight", UInt32Value.of(100)).build());
    assertViolations(
        with("weight", UInt32Value.of(101)).build(),
        "weight: value must be less than or equal to 100");
  }

  @Test
  void skippedMessage_isNotDescendedInto_requiredOneIs() {
    assertViolations(with("skipped", item("")).build());
    assertViolations(
        with("needed", item("")).build(), "needed.name: value length must be at least 1 runes");
    assertViolations(
        validSample().clearField(field(TestProtos.SAMPLE, "needed")).build(),
        "needed: value is required");
  }

  @Test
  void repeatedScalars_areCheckedForCountUniquenessAndItems() {
    DynamicMessage.Builder sample = validSample();
    for (long id : new long[] {1, 1, -2, 4}) {
      sample.addRepeatedField(field(TestProtos.SAMPLE, "ids"), id);
    }
    assertViolations(
        sample.build(),
        "ids[1]: repeated value must contain unique items",
        "ids[2]: value must be greater than 0",
        "ids: value must contain no more than 3 item(s)");
  }

  @Test
  void repeatedMessages_areEachDescendedInto() {
    assertViolations(
        with("children", List.of(item("ok"), item(""))).build(),
        "children[1].name: value length must be at least 1 runes");
  }

  @Test
  void emptyRepeatedWithIgnoreEmpty_skipsMinItems() {
    assertViolations(validSample().build());
    assertViolations(with("tags", List.of("t")).build());
  }

  @Test
  void disabledMessage_isNotValidated() {
    Descriptor disabled = field(TestProtos.SAMPLE, "disabled").getMessageType();
    DynamicMessage bad =
        DynamicMessage.newBuilder(disabled).setField(disabled.findFieldByName("name"), "").build();
    assertViolations(with("disabled", bad).build());
  }

  @Test
  void anyTypeOutsideItsAllowList_isRejected_andItsContentStillValidated() {
    assertViolations(
        with("any", Any.pack(Router.getDefaultInstance())).build(),
        "any: type URL must be in list [type.googleapis.com/rigging.test.v1.Item]");
  }

  @Test
  void timestampLtNow_isEvaluatedAgainstTheClock() {
    long now = System.currentTimeMillis() / 1000;
    assertViolations(with("at", Timestamp.newBuilder().setSeconds(now - 3600).build()).build());
    assertViolations(
        with("at", Timestamp.newBuilder().setSeconds(now + 3600).build()).build(),
        "at: value must be less than now");
  }
}
