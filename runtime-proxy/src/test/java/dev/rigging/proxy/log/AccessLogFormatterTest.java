package dev.rigging.proxy.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rigging.proxy.config.ConfigLoadException;
import dev.rigging.proxy.config.ProxyConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogFormatterTest {

  @TempDir Path temp;

  private static Path emittedCallme() throws Exception {
    return Path.of(
        AccessLogFormatterTest.class
            .getResource("/dev/rigging/proxy/config/emitted/callme/envoy/callme/bootstrap.json")
            .toURI());
  }

  /** The json_format {@code rig compile} emits, as the loader hands it over. */
  private static Map<String, String> emittedFormat() throws Exception {
    return new ProxyConfigLoader()
        .load(emittedCallme())
        .listeners()
        .get(0)
        .filterChains()
        .get(0)
        .connectionManager()
        .accessLogJsonFormat()
        .orElseThrow();
  }

  private static RequestLog.HeaderLookup headers(Map<String, String> headers) {
    return headers::get;
  }

  private static final RequestLog SERVED =
      new RequestLog(
          Instant.parse("2026-11-21T14:03:07.042Z"),
          12,
          headers(
              Map.of(
                  ":authority", "callme.demo",
                  ":method", "GET",
                  ":path", "/callme/ping?x=1",
                  "x-request-id", "6f1c2a9e-0d3b-4c55-9a1e-5b2f7d8c9e01",
                  "user-agent", "curl/8.5.0 \"quoted\"")),
          200,
          "",
          0,
          27,
          "HTTP/1.1",
          Optional.of("inbound|callme|v1"),
          Optional.of("127.0.0.1:9101"),
          Optional.of("inbound-0"),
          "127.0.0.1:53412",
          Optional.of("spiffe://demo/caller"));

  private static final RequestLog ABORTED_WITHOUT_CERT =
      new RequestLog(
          Instant.parse("2026-11-21T14:03:08Z"),
          0,
          headers(
              Map.of(
                  ":authority", "callme.demo",
                  ":method", "POST",
                  ":path", "/callme/ping",
                  "x-envoy-original-path", "/a/../callme/ping")),
          503,
          "FI",
          120,
          18,
          "HTTP/2",
          Optional.empty(),
          Optional.empty(),
          Optional.of("inbound-0"),
          "[::1]:40000",
          Optional.empty());

  @Test
  void emittedFormat_golden() throws Exception {
    AccessLogFormatter formatter = AccessLogFormatter.compile(emittedFormat());
    Approvals.verify(formatter.format(SERVED) + "\n" + formatter.format(ABORTED_WITHOUT_CERT));
  }

  @Test
  void linesAreValidJsonWithTypedValues() throws Exception {
    JsonObject line =
        JsonParser.parseString(AccessLogFormatter.compile(emittedFormat()).format(SERVED))
            .getAsJsonObject();
    assertTrue(line.get("duration_ms").getAsJsonPrimitive().isNumber());
    assertEquals(200, line.get("response_code").getAsInt());
    assertEquals("curl/8.5.0 \"quoted\"", line.get("user_agent").getAsString());
    assertEquals("/callme/ping?x=1", line.get("path").getAsString());
    assertEquals("-", line.get("response_flags").getAsString());
  }

  @Test
  void lines_oneWriterForManyLinesAndFormats_writesEachLineAsFormatDoesThenANewline()
      throws Exception {
    var emitted = AccessLogFormatter.compile(emittedFormat());
    var other = AccessLogFormatter.compile(Map.of("p", "%REQ(:PATH)%", "code", "%RESPONSE_CODE%"));
    var out = new java.io.ByteArrayOutputStream();
    try (var lines = AccessLogFormatter.lines(out)) {
      lines.write(emitted, SERVED);
      lines.write(other, ABORTED_WITHOUT_CERT);
      lines.flush();
      assertEquals(
          emitted.format(SERVED) + "\n" + other.format(ABORTED_WITHOUT_CERT) + "\n",
          out.toString(java.nio.charset.StandardCharsets.UTF_8),
          "everything written is in the stream after flush(), with nothing between the lines");
      lines.write(emitted, ABORTED_WITHOUT_CERT);
      lines.flush();
    }
    assertTrue(
        out.toString(java.nio.charset.StandardCharsets.UTF_8)
            .endsWith("\n" + emitted.format(ABORTED_WITHOUT_CERT) + "\n"));
  }

  @Test
  void alternativeHeader_whenTheMainOneIsMissing() {
    var formatter = AccessLogFormatter.compile(Map.of("p", "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%"));
    assertEquals("{\"p\":\"/callme/ping?x=1\"}", formatter.format(SERVED));
    assertEquals("{\"p\":\"/a/../callme/ping\"}", formatter.format(ABORTED_WITHOUT_CERT));
  }

  @Test
  void mixedTextAndOperators_andLengthLimits() {
    var formatter =
        AccessLogFormatter.compile(
            Map.of(
                "line", "%REQ(:METHOD)% %REQ(:PATH):6% -> %UPSTREAM_HOST% (%RESPONSE_CODE%)",
                "short", "%REQ(USER-AGENT):4%"));
    assertEquals(
        "{\"line\":\"GET /callm -> 127.0.0.1:9101 (200)\",\"short\":\"curl\"}",
        formatter.format(SERVED));
    assertEquals(
        "{\"line\":\"POST /callm -> - (503)\",\"short\":null}",
        formatter.format(ABORTED_WITHOUT_CERT));
  }

  @Test
  void startTime_isEnvoysMillisecondUtcFormat_acrossAndWithinSeconds() {
    AccessLogFormatter formatter = AccessLogFormatter.compile(Map.of("t", "%START_TIME%"));
    java.time.format.DateTimeFormatter reference =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    // Within one second, into the next, and back to an earlier one (lines of several threads).
    for (String at :
        List.of(
            "2026-11-21T14:03:07Z",
            "2026-11-21T14:03:07.007Z",
            "2026-11-21T14:03:07.042Z",
            "2026-11-21T14:03:07.999999999Z",
            "2026-11-21T14:03:08.100Z",
            "2026-11-21T14:03:07.500Z",
            "1999-12-31T23:59:59.010Z")) {
      Instant start = Instant.parse(at);
      RequestLog log =
          new RequestLog(
              start,
              0,
              headers(Map.of()),
              200,
              "",
              0,
              0,
              "HTTP/1.1",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              "127.0.0.1:1",
              Optional.empty());
      assertEquals("{\"t\":\"" + reference.format(start) + "\"}", formatter.format(log), at);
    }
  }

  @Test
  void unknownOrUnsupportedOperators_areNamed() {
    var problems =
        AccessLogFormatter.problems(
            Map.of(
                "a", "%UPSTREAM_TRANSPORT_FAILURE_REASON%",
                "b", "%START_TIME(%s)%",
                "c", "50% done",
                "d", "%REQ()%",
                "e", "%REQ(A?B?C)%",
                "f", "%DURATION(x)%",
                "g", "%RESPONSE_CODE:0%",
                "h", "%lower%",
                "ok", "%BYTES_SENT% bytes"));
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), List.copyOf(problems.keySet()));
    assertTrue(
        problems.get("a").contains("is not supported by the Rigging proxy"), problems.get("a"));
    assertTrue(problems.get("a").contains("REQ(header?alternative)"), problems.get("a"));
    assertThrows(
        IllegalArgumentException.class,
        () -> AccessLogFormatter.compile(Map.of("a", "%UPSTREAM_LOCAL_ADDRESS%")));
  }

  @Test
  void unsupportedOperatorInTheConfig_isRefusedAtLoadWithItsPath() throws Exception {
    JsonObject bootstrap =
        JsonParser.parseString(Files.readString(emittedCallme())).getAsJsonObject();
    bootstrap
        .getAsJsonObject("static_resources")
        .getAsJsonArray("listeners")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("filter_chains")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("filters")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("typed_config")
        .getAsJsonArray("access_log")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("typed_config")
        .getAsJsonObject("log_format")
        .getAsJsonObject("json_format")
        .addProperty("tls", "%DOWNSTREAM_TLS_VERSION%");
    Path file = temp.resolve("bootstrap.json");
    Files.writeString(file, bootstrap.toString());
    var problems =
        assertThrows(ConfigLoadException.class, () -> new ProxyConfigLoader().load(file))
            .problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "static_resources.listeners[0].filter_chains[0].filters[0].typed_config"
                    + ".access_log[0].typed_config.log_format.json_format.tls: command operator"
                    + " `%DOWNSTREAM_TLS_VERSION%` is not supported"),
        problems.get(0));
  }
}
