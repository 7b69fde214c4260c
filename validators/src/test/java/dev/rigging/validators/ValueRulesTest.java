package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.Duration;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import io.envoyproxy.envoy.admin.v3.UpdateFailureState;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import io.envoyproxy.pgv.validate.Validate.AnyRules;
import io.envoyproxy.pgv.validate.Validate.BoolRules;
import io.envoyproxy.pgv.validate.Validate.BytesRules;
import io.envoyproxy.pgv.validate.Validate.DoubleRules;
import io.envoyproxy.pgv.validate.Validate.DurationRules;
import io.envoyproxy.pgv.validate.Validate.EnumRules;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import io.envoyproxy.pgv.validate.Validate.FloatRules;
import io.envoyproxy.pgv.validate.Validate.Int32Rules;
import io.envoyproxy.pgv.validate.Validate.Int64Rules;
import io.envoyproxy.pgv.validate.Validate.KnownRegex;
import io.envoyproxy.pgv.validate.Validate.SFixed64Rules;
import io.envoyproxy.pgv.validate.Validate.StringRules;
import io.envoyproxy.pgv.validate.Validate.TimestampRules;
import io.envoyproxy.pgv.validate.Validate.UInt32Rules;
import io.envoyproxy.pgv.validate.Validate.UInt64Rules;
import org.junit.jupiter.api.Test;

/** Each PGV rule kind compiled on its own and applied to single values. */
class ValueRulesTest {

  private static final FieldDescriptor STRING =
      StringValue.getDescriptor().findFieldByName("value");
  private static final FieldDescriptor BYTES = BytesValue.getDescriptor().findFieldByName("value");
  private static final FieldDescriptor UINT32 =
      UInt32Value.getDescriptor().findFieldByName("value");
  private static final FieldDescriptor UINT64 =
      UInt64Value.getDescriptor().findFieldByName("value");
  private static final FieldDescriptor INT32 = Int32Value.getDescriptor().findFieldByName("value");
  private static final FieldDescriptor INT64 = Int64Value.getDescriptor().findFieldByName("value");
  private static final FieldDescriptor DOUBLE =
      DoubleValue.getDescriptor().findFieldByName("value");
  private static final FieldDescriptor FLOAT = FloatValue.getDescriptor().findFieldByName("value");
  private static final FieldDescriptor BOOL = BoolValue.getDescriptor().findFieldByName("value");

  private static ValueRule string(StringRules.Builder rules) {
    return FieldRuleCompiler.compile(FieldRules.newBuilder().setString(rules).build(), STRING);
  }

  private static ValueRule uint32(UInt32Rules.Builder rules) {
    return FieldRuleCompiler.compile(FieldRules.newBuilder().setUint32(rules).build(), UINT32);
  }

  @Test
  void stringLengths_countRunesAndBytesSeparately() {
    ValueRule runes = string(StringRules.newBuilder().setMinLen(2).setMaxLen(3));
    assertNull(runes.check("é€"));
    assertEquals("value length must be between 2 and 3 runes, inclusive", runes.check("abcd"));
    assertEquals(
        "value length must be 1 runes", string(StringRules.newBuilder().setLen(1)).check("ab"));
    ValueRule bytes = string(StringRules.newBuilder().setMaxBytes(3));
    assertNull(bytes.check("ab"));
    assertEquals("value length must be at most 3 bytes", bytes.check("é€"));
    assertEquals(
        "value length must be at least 5 bytes",
        string(StringRules.newBuilder().setMinBytes(5)).check("€"));
    assertEquals(
        "value length must be 4 bytes", string(StringRules.newBuilder().setLenBytes(4)).check("€"));
  }

  @Test
  void stringContent_constPrefixSuffixContainsAndLists() {
    assertEquals(
        "value must equal \"a\"", string(StringRules.newBuilder().setConst("a")).check("b"));
    assertEquals(
        "value does not have prefix \"/\"",
        string(StringRules.newBuilder().setPrefix("/")).check("a"));
    assertEquals(
        "value does not have suffix \".pem\"",
        string(StringRules.newBuilder().setSuffix(".pem")).check("a"));
    assertNull(string(StringRules.newBuilder().setContains("b")).check("abc"));
    assertEquals(
        "value contains substring \"..\"",
        string(StringRules.newBuilder().setNotContains("..")).check("/a/../b"));
    assertEquals(
        "value must be in list [GET, POST]",
        string(StringRules.newBuilder().addIn("GET").addIn("POST")).check("PUT"));
    assertEquals(
        "value must not be in list [host]",
        string(StringRules.newBuilder().addNotIn("host")).check("host"));
  }

  @Test
  void stringPattern_isAnRe2SearchNotAFullMatch() {
    ValueRule rule = string(StringRules.newBuilder().setPattern("^[^?#]+[^?#/]$"));
    assertNull(rule.check("/api/v1"));
    assertEquals("value does not match regex pattern \"^[^?#]+[^?#/]$\"", rule.check("/api/"));
    assertNull(string(StringRules.newBuilder().setPattern("b+")).check("abba"));
  }

  @Test
  void stringWellKnownFormats_areChecked() {
    assertEquals(
        "value must be a valid hostname",
        string(StringRules.newBuilder().setHostname(true)).check("-bad.example"));
    assertEquals(
        "value must be a valid IP address",
        string(StringRules.newBuilder().setIp(true)).check("10.0.0.256"));
    assertNull(string(StringRules.newBuilder().setIpv6(true)).check("fe80::1"));
    assertEquals(
        "value must be a valid IPv4 address",
        string(StringRules.newBuilder().setIpv4(true)).check("::1"));
    assertEquals(
        "value must be a valid absolute URI",
        string(StringRules.newBuilder().setUri(true)).check("/relative"));
    assertNull(string(StringRules.newBuilder().setUriRef(true)).check("/relative"));
    assertEquals(
        "value must be a valid email address",
        string(StringRules.newBuilder().setEmail(true)).check("ops@"));
    assertNull(string(StringRules.newBuilder().setAddress(true)).check("checkout.shop.svc"));
    assertEquals(
        "value must be a valid UUID", string(StringRules.newBuilder().setUuid(true)).check("1234"));
  }

  @Test
  void headerRegexes_areStrictByDefaultAndLooseWithStrictFalse() {
    ValueRule strictName =
        string(StringRules.newBuilder().setWellKnownRegex(KnownRegex.HTTP_HEADER_NAME));
    assertNull(strictName.check(":authority"));
    assertEquals(
        "value does not match regex pattern \"^:?[0-9a-zA-Z!#$%&'*+-.^_|~\\x60]+$\"",
        strictName.check("x y"));
    ValueRule looseName =
        string(
            StringRules.newBuilder()
                .setWellKnownRegex(KnownRegex.HTTP_HEADER_NAME)
                .setStrict(false));
    assertNull(looseName.check("x y"));
    assertEquals(
        "value does not match regex pattern \"^[^\\u0000\\u000A\\u000D]*$\"",
        looseName.check("x\ny"));
    ValueRule strictValue =
        string(StringRules.newBuilder().setWellKnownRegex(KnownRegex.HTTP_HEADER_VALUE));
    assertNull(strictValue.check("a\tb"));
    assertEquals(
        "value does not match regex pattern \"^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$\"",
        strictValue.check("a\u0001"));
  }

  @Test
  void ignoreEmpty_skipsAllConstraintsOnTheDefaultValue() {
    ValueRule rule = string(StringRules.newBuilder().setMinLen(3).setIgnoreEmpty(true));
    assertNull(rule.check(""));
    assertEquals("value length must be at least 3 runes", rule.check("ab"));
    ValueRule number = uint32(UInt32Rules.newBuilder().setGte(10).setIgnoreEmpty(true));
    assertNull(number.check(0));
    assertEquals("value must be greater than or equal to 10", number.check(5));
  }

  @Test
  void numericRange_inclusiveExclusiveAndSingleBounds() {
    ValueRule status = uint32(UInt32Rules.newBuilder().setGte(200).setLt(600));
    assertNull(status.check(200));
    assertEquals("value must be inside range [200, 600)", status.check(600));
    assertEquals(
        "value must be inside range (0, 65535]",
        uint32(UInt32Rules.newBuilder().setGt(0).setLte(65535)).check(0));
    assertEquals(
        "value must be less than 10", uint32(UInt32Rules.newBuilder().setLt(10)).check(10));
    assertEquals(
        "value must be greater than 0", uint32(UInt32Rules.newBuilder().setGt(0)).check(0));
  }

  @Test
  void numericRangeWithUpperBelowLower_requiresValuesOutsideIt() {
    ValueRule outside = uint32(UInt32Rules.newBuilder().setLt(10).setGt(20));
    assertNull(outside.check(5));
    assertNull(outside.check(21));
    assertEquals("value must be outside range [10, 20]", outside.check(10));
    assertEquals("value must be outside range [10, 20]", outside.check(20));
    ValueRule inclusive = uint32(UInt32Rules.newBuilder().setLte(10).setGte(20));
    assertNull(inclusive.check(10));
    assertNull(inclusive.check(20));
    assertEquals("value must be outside range (10, 20)", inclusive.check(15));
  }

  @Test
  void numericConstAndLists() {
    assertEquals("value must equal 3", uint32(UInt32Rules.newBuilder().setConst(3)).check(4));
    assertEquals(
        "value must be in list [1, 2]",
        uint32(UInt32Rules.newBuilder().addIn(1).addIn(2)).check(3));
    assertEquals(
        "value must not be in list [0]", uint32(UInt32Rules.newBuilder().addNotIn(0)).check(0));
  }

  @Test
  void unsignedValues_compareAsUnsigned() {
    ValueRule u32 = uint32(UInt32Rules.newBuilder().setLte(100));
    assertEquals("value must be less than or equal to 100", u32.check(-1)); // 4294967295
    ValueRule u64 =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder().setUint64(UInt64Rules.newBuilder().setGt(1)).build(), UINT64);
    assertNull(u64.check(-1L)); // 18446744073709551615
    assertEquals(
        "value must be greater than 18446744073709551614",
        FieldRuleCompiler.compile(
                FieldRules.newBuilder().setUint64(UInt64Rules.newBuilder().setGt(-2L)).build(),
                UINT64)
            .check(-2L));
  }

  @Test
  void signedAndFloatingKinds_useTheirOwnOrdering() {
    assertEquals(
        "value must be greater than -5",
        FieldRuleCompiler.compile(
                FieldRules.newBuilder().setInt32(Int32Rules.newBuilder().setGt(-5)).build(), INT32)
            .check(-6));
    assertNull(
        FieldRuleCompiler.compile(
                FieldRules.newBuilder().setInt64(Int64Rules.newBuilder().setLt(0)).build(), INT64)
            .check(-1L));
    assertEquals(
        "value must be inside range [0.0, 100.0]",
        FieldRuleCompiler.compile(
                FieldRules.newBuilder()
                    .setDouble(DoubleRules.newBuilder().setGte(0).setLte(100))
                    .build(),
                DOUBLE)
            .check(100.5));
    assertEquals(
        "value must be greater than 0.5",
        FieldRuleCompiler.compile(
                FieldRules.newBuilder().setFloat(FloatRules.newBuilder().setGt(0.5f)).build(),
                FLOAT)
            .check(0.25f));
    assertEquals(
        "value must be less than 0",
        NumericRuleCompiler.compile(
                SFixed64Rules.newBuilder().setLt(0).build(), NumericRuleCompiler.Kind.SIGNED, INT64)
            .check(1L));
  }

  @Test
  void boolConst() {
    ValueRule rule =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder().setBool(BoolRules.newBuilder().setConst(true)).build(), BOOL);
    assertNull(rule.check(true));
    assertEquals("value must equal true", rule.check(false));
  }

  @Test
  void bytesRules() {
    ValueRule ip =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder().setBytes(BytesRules.newBuilder().setIp(true)).build(), BYTES);
    assertNull(ip.check(ByteString.copyFrom(new byte[] {10, 0, 0, 1})));
    assertEquals(
        "value must be a valid IP address", ip.check(ByteString.copyFrom(new byte[] {10, 0, 1})));
    ValueRule rule =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder()
                .setBytes(
                    BytesRules.newBuilder()
                        .setMinLen(2)
                        .setPrefix(ByteString.copyFromUtf8("a"))
                        .setContains(ByteString.copyFromUtf8("bc"))
                        .setPattern("c$"))
                .build(),
            BYTES);
    assertNull(rule.check(ByteString.copyFromUtf8("abc")));
    assertEquals("value length must be at least 2 bytes", rule.check(ByteString.copyFromUtf8("a")));
    assertEquals(
        "value does not have prefix 0x62",
        FieldRuleCompiler.compile(
                FieldRules.newBuilder()
                    .setBytes(BytesRules.newBuilder().setPrefix(ByteString.copyFromUtf8("b")))
                    .build(),
                BYTES)
            .check(ByteString.copyFromUtf8("abc")));
    assertEquals("value does not contain 0x6263", rule.check(ByteString.copyFromUtf8("aac")));
    assertEquals(
        "value does not match regex pattern \"c$\"", rule.check(ByteString.copyFromUtf8("abcd")));
  }

  @Test
  void enumRules_onNumbers_includingNumbersTheEnumDoesNotDefine() {
    FieldDescriptor denominator = FractionalPercent.getDescriptor().findFieldByName("denominator");
    ValueRule defined =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder().setEnum(EnumRules.newBuilder().setDefinedOnly(true)).build(),
            denominator);
    assertNull(defined.check(1));
    assertEquals("value must be one of the defined enum values", defined.check(7));
    ValueRule lists =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder()
                .setEnum(EnumRules.newBuilder().addIn(0).addIn(1).addNotIn(1).setConst(0))
                .build(),
            denominator);
    assertNull(lists.check(0));
    assertEquals("value must equal 0", lists.check(1));
  }

  @Test
  void durationRules_compareDurations() {
    FieldDescriptor timeout = Cluster.getDescriptor().findFieldByName("connect_timeout");
    ValueRule rule =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder()
                .setDuration(
                    DurationRules.newBuilder()
                        .setGt(Duration.getDefaultInstance())
                        .setLte(Duration.newBuilder().setSeconds(60)))
                .build(),
            timeout);
    assertNull(rule.check(Duration.newBuilder().setNanos(1_000_000).build()));
    assertEquals(
        "value must be inside range (0s, 60s]",
        rule.check(Duration.newBuilder().setSeconds(61).build()));
    ValueRule listed =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder()
                .setDuration(
                    DurationRules.newBuilder()
                        .addIn(Duration.newBuilder().setSeconds(1))
                        .setConst(Duration.newBuilder().setSeconds(1)))
                .build(),
            timeout);
    assertEquals("value must equal 1s", listed.check(Duration.newBuilder().setSeconds(2).build()));
  }

  @Test
  void timestampRules_absoluteAndRelativeToNow() {
    FieldDescriptor at = UpdateFailureState.getDescriptor().findFieldByName("last_update_attempt");
    Timestamp epoch = Timestamp.getDefaultInstance();
    Timestamp later = Timestamp.newBuilder().setSeconds(3600).build();
    ValueRule absolute =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder().setTimestamp(TimestampRules.newBuilder().setGt(epoch)).build(),
            at);
    assertNull(absolute.check(later));
    assertEquals("value must be greater than 1970-01-01T00:00:00Z", absolute.check(epoch));
    ValueRule within =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder()
                .setTimestamp(
                    TimestampRules.newBuilder().setWithin(Duration.newBuilder().setSeconds(60)))
                .build(),
            at);
    assertEquals("value must be within 60s of now", within.check(epoch));
    ValueRule future =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder()
                .setTimestamp(TimestampRules.newBuilder().setGtNow(true))
                .build(),
            at);
    assertEquals("value must be greater than now", future.check(epoch));
  }

  @Test
  void anyRules_checkTheTypeUrlThatTheWalkerPresents() {
    FieldDescriptor typedConfig =
        TypedExtensionConfig.getDescriptor().findFieldByName("typed_config");
    ValueRule notIn =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder()
                .setAny(AnyRules.newBuilder().addNotIn("type.googleapis.com/google.protobuf.Empty"))
                .build(),
            typedConfig);
    assertEquals(
        "type URL must not be in list [type.googleapis.com/google.protobuf.Empty]",
        notIn.check(Any.pack(com.google.protobuf.Empty.getDefaultInstance()).getTypeUrl()));
    assertNull(notIn.check(Any.pack(StringValue.of("x")).getTypeUrl()));
    assertEquals(
        true,
        FieldRuleCompiler.requiresPresence(
            FieldRules.newBuilder().setAny(AnyRules.newBuilder().setRequired(true)).build()));
  }

  @Test
  void wrapperField_acceptsTheScalarRuleOfItsWrappedType() {
    FieldDescriptor bufferLimit =
        Cluster.getDescriptor().findFieldByName("per_connection_buffer_limit_bytes");
    ValueRule rule =
        FieldRuleCompiler.compile(
            FieldRules.newBuilder().setUint32(UInt32Rules.newBuilder().setGte(1024)).build(),
            bufferLimit);
    assertNull(rule.check(4096));
    assertEquals("value must be greater than or equal to 1024", rule.check(1));
    assertThrows(
        UnsupportedRuleException.class,
        () ->
            FieldRuleCompiler.compile(
                FieldRules.newBuilder().setString(StringRules.newBuilder().setMinLen(1)).build(),
                bufferLimit));
  }

  @Test
  void ruleKindNotFittingTheField_failsLoudlyAtCompileTime() {
    assertThrows(
        UnsupportedRuleException.class,
        () ->
            FieldRuleCompiler.compile(
                FieldRules.newBuilder().setString(StringRules.newBuilder().setMinLen(1)).build(),
                UINT32));
    assertThrows(
        UnsupportedRuleException.class,
        () ->
            FieldRuleCompiler.compile(
                FieldRules.newBuilder().setUint64(UInt64Rules.newBuilder().setGt(1)).build(),
                UINT32));
  }
}
