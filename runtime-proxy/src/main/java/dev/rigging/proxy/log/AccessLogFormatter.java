package dev.rigging.proxy.log;

import dev.rigging.proxy.log.FormatPart.Field;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders Envoy's {@code json_format} access log: one JSON object per request, its keys those of
 * the format (sorted, so lines are stable) and each value the format string with its command
 * operators replaced.
 *
 * <p>As in Envoy, a value that is exactly one numeric operator ({@code %DURATION%}, {@code
 * %RESPONSE_CODE%}, {@code %BYTES_RECEIVED%}, {@code %BYTES_SENT%}) is a JSON number, a value that
 * is exactly one operator without a value (a missing header, no upstream) is {@code null}, and in a
 * value mixing text and operators a missing one reads {@code -}. Immutable and thread-safe.
 */
public final class AccessLogFormatter {

  /** The formatted second of the last start time: lines of one second share it. */
  private record Second(long epochSecond, String text) {}

  private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  /** The last start time formatted, whole: lines of one millisecond share it. */
  private record Milli(long epochMilli, String text) {}

  private static volatile Milli lastMilli = new Milli(Long.MIN_VALUE, "");
  private static final DateTimeFormatter START_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final String SUPPORTED =
      "REQ(header), REQ(header?alternative), "
          + Arrays.stream(Field.values()).map(Field::name).collect(Collectors.joining(", "));

  /** The keys in sorted order, as written before their values: quoted and escaped once. */
  private final byte[][] names;

  /** The format of each key's value, in the same order. */
  private final List<FormatPart>[] values;

  @SuppressWarnings("unchecked")
  private AccessLogFormatter(SortedMap<String, List<FormatPart>> fields) {
    this.names = fields.keySet().stream().map(JsonLine::name).toArray(byte[][]::new);
    this.values = fields.values().toArray(List[]::new);
  }

  /**
   * The formatter for {@code jsonFormat} (key to format string).
   *
   * @throws IllegalArgumentException naming every field with an unknown or unsupported operator
   */
  public static AccessLogFormatter compile(Map<String, String> jsonFormat) {
    Map<String, String> problems = problems(jsonFormat);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.entrySet().stream()
              .map(e -> e.getKey() + ": " + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    SortedMap<String, List<FormatPart>> fields = new TreeMap<>();
    jsonFormat.forEach((key, format) -> fields.put(key, parse(format)));
    return new AccessLogFormatter(fields);
  }

  /** Per key of {@code jsonFormat}, why its format string cannot be honoured; empty when fine. */
  public static SortedMap<String, String> problems(Map<String, String> jsonFormat) {
    SortedMap<String, String> problems = new TreeMap<>();
    jsonFormat.forEach(
        (key, format) -> {
          try {
            parse(format);
          } catch (IllegalArgumentException e) {
            problems.put(key, e.getMessage());
          }
        });
    return problems;
  }

  /** The JSON line for {@code log}, without a line terminator. */
  public String format(RequestLog log) {
    JsonLine line = new JsonLine();
    appendTo(log, line);
    return line.text();
  }

  private void appendTo(RequestLog log, JsonLine line) {
    line.beginObject();
    for (int i = 0; i < names.length; i++) {
      line.name(names[i]);
      writeValue(line, values[i], log);
    }
    line.endObject();
  }

  /**
   * A writer of many lines, each ended by {@code \n}, into {@code out}: for a thread that writes
   * lines for as long as it runs, with whichever formatters they come with. Lines collect in a
   * buffer of its own that goes to {@code out} in writes of about {@value Lines#BATCH} bytes, and
   * on {@link Lines#flush()}; {@link Lines#close()} writes what is left but closes nothing.
   */
  public static Lines lines(OutputStream out) {
    return new Lines(out);
  }

  /** See {@link #lines(OutputStream)}. Not thread-safe. */
  public static final class Lines implements AutoCloseable {
    static final int BATCH = 64 * 1024;

    private final JsonLine line = new JsonLine();
    private final OutputStream out;

    private Lines(OutputStream out) {
      this.out = out;
    }

    /** Writes {@code format}'s line for {@code log}. */
    public void write(AccessLogFormatter format, RequestLog log) throws IOException {
      format.appendTo(log, line);
      line.newline();
      if (line.length() >= BATCH) {
        line.writeTo(out);
      }
    }

    /** Passes the lines written so far on to the stream, then flushes it. */
    public void flush() throws IOException {
      line.writeTo(out);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      line.writeTo(out);
    }
  }

  private static void writeValue(JsonLine line, List<FormatPart> parts, RequestLog log) {
    if (parts.size() == 1 && !(parts.get(0) instanceof FormatPart.Text)) {
      FormatPart only = parts.get(0);
      if (only instanceof FormatPart.Simple simple
          && simple.field().numeric
          && simple.maxLength() == FormatPart.UNLIMITED) {
        line.number(number(simple.field(), log));
        return;
      }
      String value = value(only, log);
      if (value == null) {
        line.nullValue();
      } else {
        line.string(value);
      }
      return;
    }
    StringBuilder text = new StringBuilder();
    for (FormatPart part : parts) {
      String value = value(part, log);
      text.append(value == null ? "-" : value);
    }
    line.string(text);
  }

  /** {@code 2026-11-21T17:37:02.123Z}: the second formatted once, the milliseconds appended. */
  private static String startTime(Instant start) {
    Second second = lastSecond;
    if (second.epochSecond() != start.getEpochSecond()) {
      String text = START_TIME.format(start.truncatedTo(ChronoUnit.SECONDS));
      // "...:ss.000Z" less its last four characters: the "...:ss." part lines of this second share.
      second = new Second(start.getEpochSecond(), text.substring(0, text.length() - 4));
      lastSecond = second;
    }
    long epochMilli = start.getEpochSecond() * 1000 + start.getNano() / 1_000_000;
    Milli milli = lastMilli;
    if (milli.epochMilli() == epochMilli) {
      return milli.text(); // a busy proxy logs many lines in one millisecond
    }
    int millis = start.getNano() / 1_000_000;
    StringBuilder time = new StringBuilder(24).append(second.text());
    if (millis < 100) {
      time.append('0');
    }
    if (millis < 10) {
      time.append('0');
    }
    String text = time.append(millis).append('Z').toString();
    lastMilli = new Milli(epochMilli, text);
    return text;
  }

  private static long number(Field field, RequestLog log) {
    return switch (field) {
      case DURATION -> log.durationMillis();
      case RESPONSE_CODE -> log.responseCode();
      case BYTES_RECEIVED -> log.bytesReceived();
      case BYTES_SENT -> log.bytesSent();
      default -> throw new IllegalArgumentException(field + " is not numeric");
    };
  }

  /** The operator's value as text, or null when it has none for this request. */
  private static String value(FormatPart part, RequestLog log) {
    return switch (part) {
      case FormatPart.Text text -> text.text();
      case FormatPart.RequestHeader header -> {
        String value = log.requestHeaders().get(header.main());
        if (value == null && header.alternative().isPresent()) {
          value = log.requestHeaders().get(header.alternative().get());
        }
        yield truncate(value, header.maxLength());
      }
      case FormatPart.Simple simple ->
          truncate(simpleValue(simple.field(), log), simple.maxLength());
    };
  }

  private static String simpleValue(Field field, RequestLog log) {
    return switch (field) {
      case START_TIME -> startTime(log.startTime());
      case DURATION, RESPONSE_CODE, BYTES_RECEIVED, BYTES_SENT -> Long.toString(number(field, log));
      case RESPONSE_FLAGS -> log.responseFlags().isEmpty() ? "-" : log.responseFlags();
      case PROTOCOL -> log.protocol();
      case UPSTREAM_CLUSTER -> log.upstreamCluster().orElse(null);
      case UPSTREAM_HOST -> log.upstreamHost().orElse(null);
      case ROUTE_NAME -> log.routeName().orElse(null);
      case DOWNSTREAM_REMOTE_ADDRESS -> log.downstreamRemoteAddress();
      case DOWNSTREAM_PEER_URI_SAN -> log.downstreamPeerUriSan().orElse(null);
    };
  }

  private static String truncate(String value, int maxLength) {
    return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
  }

  /** Splits a format string into text and operators, as Envoy's substitution format parser. */
  static List<FormatPart> parse(String format) {
    List<FormatPart> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        text.append(c);
        i++;
        continue;
      }
      int end = format.indexOf('%', i + 1);
      if (end < 0) {
        throw new IllegalArgumentException(
            "unterminated command operator at offset " + i + " in `" + format + "`");
      }
      if (!text.isEmpty()) {
        parts.add(new FormatPart.Text(text.toString()));
        text.setLength(0);
      }
      parts.add(operator(format.substring(i + 1, end)));
      i = end + 1;
    }
    if (!text.isEmpty()) {
      parts.add(new FormatPart.Text(text.toString()));
    }
    return List.copyOf(parts);
  }

  /** One operator, written without its enclosing {@code %}: {@code NAME(arg):maxLength}. */
  private static FormatPart operator(String spec) {
    String body = spec;
    int maxLength = FormatPart.UNLIMITED;
    int close = spec.lastIndexOf(')');
    int colon = spec.indexOf(':', close < 0 ? 0 : close);
    if (colon >= 0) {
      String digits = spec.substring(colon + 1);
      if (!digits.matches("[0-9]{1,9}") || Integer.parseInt(digits) == 0) {
        throw new IllegalArgumentException(
            "bad length limit `" + digits + "` in command operator `%" + spec + "%`");
      }
      maxLength = Integer.parseInt(digits);
      body = spec.substring(0, colon);
    }
    String name = body;
    Optional<String> argument = Optional.empty();
    int open = body.indexOf('(');
    if (open >= 0) {
      if (!body.endsWith(")")) {
        throw new IllegalArgumentException("unbalanced parentheses in `%" + spec + "%`");
      }
      name = body.substring(0, open);
      argument = Optional.of(body.substring(open + 1, body.length() - 1));
    }
    if (!name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("`%" + spec + "%` is not a command operator");
    }
    if (name.equals("REQ")) {
      return requestHeader(spec, argument, maxLength);
    }
    Field field;
    try {
      field = Field.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "command operator `%"
              + name
              + "%` is not supported by the Rigging proxy (supported: "
              + SUPPORTED
              + ")");
    }
    if (argument.isPresent()) {
      throw new IllegalArgumentException(
          "command operator `%"
              + name
              + "%` takes no argument in the Rigging proxy, got `("
              + argument.get()
              + ")`");
    }
    return new FormatPart.Simple(field, maxLength);
  }

  private static FormatPart requestHeader(String spec, Optional<String> argument, int maxLength) {
    if (argument.isEmpty() || argument.get().isEmpty()) {
      throw new IllegalArgumentException("`%" + spec + "%` needs a header name: %REQ(name)%");
    }
    String[] names = argument.get().split("\\?", -1);
    if (names.length > 2 || Arrays.stream(names).anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "`%" + spec + "%` takes one header or two joined by `?`: %REQ(main?alternative)%");
    }
    return new FormatPart.RequestHeader(
        names[0].toLowerCase(Locale.ROOT),
        names.length == 2 ? Optional.of(names[1].toLowerCase(Locale.ROOT)) : Optional.empty(),
        maxLength);
  }
}
