package dev.rigging.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherTest {

  private static RouteRequest withHeaders(Map<String, List<String>> headers) {
    return RouteRequest.of("h", "/", headers);
  }

  @Test
  void headerNamesAreCaseInsensitive() {
    HeaderMatcher matcher =
        new HeaderMatcher("X-Test", new HeaderMatcher.Value(new StringMatch.Exact("1")), false);
    assertTrue(matcher.matches(withHeaders(Map.of("x-TEST", List.of("1")))));
  }

  @Test
  void headerValuesAreJoinedWithCommasBeforeMatching() {
    HeaderMatcher matcher =
        new HeaderMatcher("x", new HeaderMatcher.Value(new StringMatch.Exact("a,b")), false);
    assertTrue(matcher.matches(withHeaders(Map.of("x", List.of("a", "b")))));
  }

  @Test
  void headerPrefixAndRegexConditions() {
    HeaderMatcher prefix =
        new HeaderMatcher("ua", new HeaderMatcher.Value(new StringMatch.Prefix("curl/")), false);
    HeaderMatcher regex =
        new HeaderMatcher(
            "ua", new HeaderMatcher.Value(StringMatch.Regex.of("curl/[0-9.]+")), false);
    RouteRequest curl = withHeaders(Map.of("ua", List.of("curl/8.5.0")));
    RouteRequest curlPlus = withHeaders(Map.of("ua", List.of("curl/8.5.0 extra")));
    assertTrue(prefix.matches(curl));
    assertTrue(regex.matches(curl));
    assertFalse(regex.matches(curlPlus), "safe_regex is a full match");
  }

  @Test
  void missingHeaderFailsValueConditionsAndInvertFlipsIt() {
    HeaderMatcher exact =
        new HeaderMatcher("x", new HeaderMatcher.Value(new StringMatch.Exact("1")), false);
    HeaderMatcher notExact =
        new HeaderMatcher("x", new HeaderMatcher.Value(new StringMatch.Exact("1")), true);
    RouteRequest none = withHeaders(Map.of());
    assertFalse(exact.matches(none));
    assertTrue(notExact.matches(none));
    assertFalse(notExact.matches(withHeaders(Map.of("x", List.of("1")))));
  }

  @Test
  void presentAndAbsentConditions() {
    HeaderMatcher present = new HeaderMatcher("x", new HeaderMatcher.Present(true), false);
    HeaderMatcher absent = new HeaderMatcher("x", new HeaderMatcher.Present(false), false);
    HeaderMatcher absentByInvert = new HeaderMatcher("x", new HeaderMatcher.Present(true), true);
    RouteRequest with = withHeaders(Map.of("x", List.of("")));
    RouteRequest without = withHeaders(Map.of());
    assertTrue(present.matches(with));
    assertFalse(present.matches(without));
    assertTrue(absent.matches(without));
    assertFalse(absent.matches(with));
    assertTrue(absentByInvert.matches(without));
  }

  @Test
  void queryParameterUsesTheFirstPercentDecodedValue() {
    RouteRequest request = RouteRequest.of("h", "/p?user=j%61son&user=other&flag&plus=a+b");
    assertEquals("jason", request.queryParameter("user"));
    assertEquals("", request.queryParameter("flag"));
    assertEquals("a+b", request.queryParameter("plus"));
    assertNull(request.queryParameter("missing"));
    assertTrue(
        new QueryParameterMatcher(
                "user", new QueryParameterMatcher.Value(new StringMatch.Exact("jason")))
            .matches(request));
    assertTrue(
        new QueryParameterMatcher("flag", new QueryParameterMatcher.Present()).matches(request));
    assertFalse(
        new QueryParameterMatcher("missing", new QueryParameterMatcher.Present()).matches(request));
  }

  @Test
  void malformedPercentEscapesStayLiteral() {
    assertEquals("100%", RouteRequest.percentDecode("100%"));
    assertEquals("%zz", RouteRequest.percentDecode("%zz"));
    assertEquals("é", RouteRequest.percentDecode("%C3%A9"));
  }

  @Test
  void regexConditionsCompareByExpression() {
    assertEquals(PathMatch.Regex.of("/a.*"), PathMatch.Regex.of("/a.*"));
    assertEquals(StringMatch.Regex.of("x+"), StringMatch.Regex.of("x+"));
  }
}
