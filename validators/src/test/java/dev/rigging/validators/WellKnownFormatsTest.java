package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written scanners behind PGV's {@code well_known} string formats. */
class WellKnownFormatsTest {

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "0.0.0.0", "255.255.255.255"})
  void validIpv4(String s) {
    assertTrue(WellKnownFormats.isIpv4(s));
    assertTrue(WellKnownFormats.isIp(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "256.0.0.1",
        "10.0.0",
        "10.0.0.1.2",
        "01.2.3.4",
        "1..2.3",
        "",
        "a.b.c.d",
        "1.2.3.4 "
      })
  void invalidIpv4(String s) {
    assertFalse(WellKnownFormats.isIpv4(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "::",
        "::1",
        "fe80::1",
        "2001:db8:0:0:0:0:2:1",
        "2001:db8::2:1",
        "::ffff:10.0.0.1",
        "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:1.2.3.4"
      })
  void validIpv6(String s) {
    assertTrue(WellKnownFormats.isIpv6(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1:2:3:4:5:6:7",
        "1::2::3",
        "[::1]",
        "12345::",
        "g::1",
        ":1::",
        "1:2:3:4:5:6:7:8:9",
        "fe80::1%eth0",
        "::1.2.3",
        "1.2.3.4::"
      })
  void invalidIpv6(String s) {
    assertFalse(WellKnownFormats.isIpv6(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.com",
        "checkout.shop.svc.cluster.local",
        "localhost",
        "a-b.c",
        "example.com.",
        "x1"
      })
  void validHostnames(String s) {
    assertTrue(WellKnownFormats.isHostname(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "-a.com", "a-.com", "a..b", "under_score.com", "sp ace.com", "é.com"})
  void invalidHostnames(String s) {
    assertFalse(WellKnownFormats.isHostname(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ops@example.com", "Ops <ops@example.com>", "a.b+c@shop.example"})
  void validEmails(String s) {
    assertTrue(WellKnownFormats.isEmail(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ops", "@example.com", "ops@", "o ps@example.com", "ops@exa mple.com"})
  void invalidEmails(String s) {
    assertFalse(WellKnownFormats.isEmail(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"content-type", ":path", "x-b3-traceid", "X_Custom.1~"})
  void strictHeaderNames(String s) {
    assertTrue(WellKnownFormats.isStrictHeaderName(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ":", "x y", "x:y", "x\"y", "é", "x\r\n"})
  void invalidStrictHeaderNames(String s) {
    assertFalse(WellKnownFormats.isStrictHeaderName(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\rb", "a\nb"})
  void nulCrLf_failEvenLooseHeaderChecks(String s) {
    assertFalse(WellKnownFormats.hasNoNulCrLf(s));
    assertFalse(WellKnownFormats.isStrictHeaderValue(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/x",
        "spiffe://cluster.local/ns/shop/sa/checkout",
        "urn:isbn:0451450523"
      })
  void absoluteUris(String s) {
    assertTrue(WellKnownFormats.isUri(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/relative/path", "relative", "http://exa mple.com"})
  void notAbsoluteUris(String s) {
    assertFalse(WellKnownFormats.isUri(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000"})
  void validUuids(String s) {
    assertTrue(WellKnownFormats.isUuid(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g"})
  void invalidUuids(String s) {
    assertFalse(WellKnownFormats.isUuid(s));
  }
}
