package dev.rigging.proxy.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rigging.proxy.config.ConnectionManagerConfig.EscapedSlashesAction;
import dev.rigging.proxy.filter.PathNormalizer.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {

  /** What the compiler emits for every inbound listener. */
  private static final PathNormalizer EMITTED =
      new PathNormalizer(
          new PathNormalizer.Settings(true, true, EscapedSlashesAction.UNESCAPE_AND_REDIRECT));

  private static PathNormalizer with(boolean normalize, boolean merge, EscapedSlashesAction a) {
    return new PathNormalizer(new PathNormalizer.Settings(normalize, merge, a));
  }

  private static String normalized(PathNormalizer normalizer, String path) {
    return assertInstanceOf(Result.Normalized.class, normalizer.normalize(path)).path();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "//admin, /admin",
    "/./admin, /admin",
    "/a/../admin, /admin",
    "/a/b/../../admin, /admin",
    "/../admin, /admin",
    "/../../../admin, /admin",
    "/%2e%2e/admin, /admin",
    "/%2E%2E/admin, /admin",
    "/a/%2e%2e/admin, /admin",
    "/a/.%2e/admin, /admin",
    "/%2e/admin, /admin",
    "'/a\\..\\admin', /admin",
    "'/\\admin', /admin",
    "/public/..//admin, /admin",
    "/.//admin, /admin",
    "/%61dmin, /admin",
    "/%7Eusr, /~usr",
  })
  void bypassAttemptsReachTheCanonicalPath(String attempt, String expected) {
    assertEquals(expected, normalized(EMITTED, attempt));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/a/b/.., /a/",
    "/a/., /a/",
    "/.., /",
    "/., /",
    "/, /",
    "/a/./b/./c, /a/b/c",
    "/a/.../b, /a/.../b",
    "/a/..b/c, /a/..b/c",
    "/.well-known/x, /.well-known/x",
    "/a%20b, /a%20b",
    "/a%3Fb, /a%3Fb",
    "/a%3fb, /a%3fb",
    "/%zz, /%zz",
    "/100%, /100%",
  })
  void followsRfc3986AndChromiumCanonicalisation(String path, String expected) {
    assertEquals(expected, normalized(EMITTED, path));
  }

  @Test
  void keepsTheQueryStringAsReceived() {
    assertEquals("/admin?x=/../y&z=%2F", normalized(EMITTED, "/a/../admin?x=/../y&z=%2F"));
    assertEquals("/admin?a=b//c", normalized(EMITTED, "//admin?a=b//c"));
    assertEquals("/p?", normalized(EMITTED, "/p?"));
  }

  @Test
  void returnsTheSameStringWhenNothingChanges() {
    String path = "/callme/ping?x=1";
    assertSame(path, normalized(EMITTED, path));
    String withDotSegment = "/.well-known/acme";
    assertSame(withDotSegment, normalized(EMITTED, withDotSegment));
  }

  @Test
  void escapesCharactersNotAllowedInAPath() {
    assertEquals("/a%20b%22%3C%3E", normalized(EMITTED, "/a b\"<>"));
    assertEquals("/caf%E9", normalized(EMITTED, "/caf\u00e9"), "a byte as the decoder read it");
    assertEquals("/%E2%82%AC", normalized(EMITTED, "/\u20ac"));
    assertEquals("/%F0%9F%98%80", normalized(EMITTED, "/\uD83D\uDE00"));
  }

  @Test
  void rejectsWhatEnvoyRejects() {
    assertInstanceOf(Result.Reject.class, EMITTED.normalize("/a%00b"));
    assertInstanceOf(Result.Reject.class, EMITTED.normalize("admin"));
    assertInstanceOf(Result.Reject.class, EMITTED.normalize("\\admin"));
    assertInstanceOf(Result.Reject.class, EMITTED.normalize(""));
    assertInstanceOf(Result.Reject.class, EMITTED.normalize("/a#frag"));
    assertEquals(new Result.Normalized("*"), EMITTED.normalize("*"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/%2Fadmin, /admin",
    "/%2fadmin, /admin",
    "/a%2F..%2Fadmin, /admin",
    "/%5Cadmin, /admin",
    "/%5cadmin, /admin",
    "/public%2F%2E%2E%2Fadmin?q=1, /admin?q=1",
  })
  void unescapeAndRedirect_redirectsToTheNormalizedPath(String path, String location) {
    assertEquals(new Result.Redirect(location), EMITTED.normalize(path));
  }

  @Test
  void unescapeAndForward_forwardsTheNormalizedPath() {
    var forward = with(true, true, EscapedSlashesAction.UNESCAPE_AND_FORWARD);
    assertEquals("/admin", normalized(forward, "/%2Fadmin"));
    assertEquals("/admin", normalized(forward, "/x%2F..%5Cadmin"));
    assertEquals("/a/b?c=%2F", normalized(forward, "/a%2fb?c=%2F"), "query untouched");
  }

  @Test
  void rejectRequest_rejectsAnyEscapedSlashInThePathOnly() {
    var reject = with(true, true, EscapedSlashesAction.REJECT_REQUEST);
    assertInstanceOf(Result.Reject.class, reject.normalize("/%2Fadmin"));
    assertInstanceOf(Result.Reject.class, reject.normalize("/a%5cb"));
    assertEquals("/a?next=%2Fadmin", normalized(reject, "/a?next=%2Fadmin"));
  }

  @Test
  void keepUnchanged_leavesEscapedSlashesEncoded() {
    var keep = with(true, true, EscapedSlashesAction.KEEP_UNCHANGED);
    assertEquals("/%2Fadmin", normalized(keep, "/%2Fadmin"));
    assertEquals("/a/%2F..", normalized(keep, "/a/%2F.."), "%2F.. is one segment, not ..");
  }

  @Test
  void eachStepOnlyWhenConfigured() {
    var none = with(false, false, EscapedSlashesAction.KEEP_UNCHANGED);
    assertEquals("//a/../b", normalized(none, "//a/../b"));
    var mergeOnly = with(false, true, EscapedSlashesAction.KEEP_UNCHANGED);
    assertEquals("/a/../b", normalized(mergeOnly, "//a//../b"));
    var normalizeOnly = with(true, false, EscapedSlashesAction.KEEP_UNCHANGED);
    assertEquals("//b", normalized(normalizeOnly, "//a/../b"), "empty segments are segments");
  }
}
