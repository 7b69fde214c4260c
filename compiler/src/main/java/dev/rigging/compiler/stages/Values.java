package dev.rigging.compiler.stages;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.rigging.compiler.ir.Duration;
import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Percent;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.diag.Suggest;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.source.Span;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;

/**
 * Gives literals their meaning: durations, percentages, ports, statuses, addresses, regexes. Each
 * method reports a located diagnostic and returns empty when the literal is invalid, so a checking
 * stage and the lowering stage share one definition of what is valid.
 */
public final class Values {
  private static final Map<String, Long> DURATION_UNITS =
      Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L);

  /** Unit spellings people carry over from other tools; too far from ours for edit distance. */
  private static final Map<String, String> UNIT_ALIASES =
      Map.ofEntries(
          Map.entry("sec", "s"),
          Map.entry("secs", "s"),
          Map.entry("second", "s"),
          Map.entry("seconds", "s"),
          Map.entry("msec", "ms"),
          Map.entry("msecs", "ms"),
          Map.entry("millis", "ms"),
          Map.entry("millisecond", "ms"),
          Map.entry("milliseconds", "ms"),
          Map.entry("min", "m"),
          Map.entry("mins", "m"),
          Map.entry("minute", "m"),
          Map.entry("minutes", "m"),
          Map.entry("hr", "h"),
          Map.entry("hrs", "h"),
          Map.entry("hour", "h"),
          Map.entry("hours", "h"));

  /** `10k`: a count written the way dashboards show it. */
  private static final java.util.regex.Pattern THOUSANDS =
      java.util.regex.Pattern.compile("([0-9]+)[kK]");

  private static final java.util.regex.Pattern NUMBER_WITH_UNIT =
      java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([a-zA-Z][a-zA-Z0-9]*)");
  // RFC 7230 token characters: what Envoy accepts in a header name.
  private static final java.util.regex.Pattern HEADER_NAME =
      java.util.regex.Pattern.compile("[!#$%&'*+\\-.^_`|~0-9a-zA-Z]+");
  private static final java.util.regex.Pattern HOST_NAME =
      java.util.regex.Pattern.compile(
          "(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\\.?");

  /** Envoy caps durations at about 315,576,000,000 s; ten years is plenty and keeps math exact. */
  private static final long MAX_DURATION_MILLIS = 10L * 365 * 24 * 3_600_000L;

  private final Diagnostics diagnostics;

  public Values(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Returns a duration such as {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 3m}, {@code 1h}. */
  public Optional<Duration> duration(Literal lit) {
    Matcher m = NUMBER_WITH_UNIT.matcher(lit.text());
    if (lit.kind() == Literal.Kind.INT || lit.kind() == Literal.Kind.DECIMAL) {
      report(
          Code.MALFORMED_DURATION,
          lit,
          "duration `" + lit.text() + "` has no unit",
          "expected a number with a unit",
          "write `" + lit.text() + "ms` for milliseconds or `" + lit.text() + "s` for seconds");
      return Optional.empty();
    }
    if (lit.kind() != Literal.Kind.UNIT_NUMBER || !m.matches()) {
      report(
          Code.MALFORMED_DURATION,
          lit,
          "malformed duration `" + lit.text() + "`",
          "expected a number with a unit, e.g. `500ms` or `5s`",
          "units: `ms`, `s`, `m`, `h`");
      return Optional.empty();
    }
    Long unit = DURATION_UNITS.get(m.group(2));
    if (unit == null) {
      String written = m.group(2);
      Optional<String> meant =
          Optional.ofNullable(UNIT_ALIASES.get(written.toLowerCase(java.util.Locale.ROOT)))
              .or(() -> Suggest.nearest(written, DURATION_UNITS.keySet()));
      diagnostics.add(
          Diagnostic.error(
                  Code.MALFORMED_DURATION, lit.span(), "malformed duration `" + lit.text() + "`")
              .label("unknown unit `" + written + "`")
              .suggest(meant.map(u -> m.group(1) + u))
              .help("units: `ms`, `s`, `m`, `h`"));
      return Optional.empty();
    }
    BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
    if (millis.stripTrailingZeros().scale() > 0) {
      report(
          Code.MALFORMED_DURATION,
          lit,
          "duration `" + lit.text() + "` is not a whole number of milliseconds",
          "finer than 1ms",
          "durations have millisecond resolution");
      return Optional.empty();
    }
    if (millis.compareTo(BigDecimal.valueOf(MAX_DURATION_MILLIS)) > 0) {
      report(
          Code.MALFORMED_DURATION,
          lit,
          "duration `" + lit.text() + "` is too long",
          "more than ten years",
          "");
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(millis.longValueExact()));
  }

  /** Returns a duration that must be greater than zero (timeouts, intervals). */
  public Optional<Duration> positiveDuration(Literal lit) {
    Optional<Duration> d = duration(lit);
    if (d.isPresent() && d.get().millis() == 0) {
      report(
          Code.MALFORMED_DURATION,
          lit,
          "duration `" + lit.text() + "` must be greater than zero",
          "zero",
          "zero does not mean \"no limit\" here; write the longest wait you accept, e.g. `10m`");
      return Optional.empty();
    }
    return d;
  }

  /** Returns a percentage {@code 0%..100%} with at most four decimals. */
  public Optional<Percent> percent(Literal lit) {
    if (lit.kind() != Literal.Kind.PERCENT) {
      report(
          Code.WRONG_VALUE_KIND,
          lit,
          "expected a percentage, found `" + lit.text() + "`",
          "not a percentage",
          "write it with `%`, e.g. `10%`");
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(lit.text().substring(0, lit.text().length() - 1));
    if (value.compareTo(BigDecimal.valueOf(100)) > 0) {
      report(
          Code.PERCENT_OUT_OF_RANGE,
          lit,
          "percentage `" + lit.text() + "` is more than 100%",
          "must be between 0% and 100%",
          "");
      return Optional.empty();
    }
    BigDecimal ppm = value.multiply(BigDecimal.valueOf(10_000));
    if (ppm.stripTrailingZeros().scale() > 0) {
      String rounded =
          value.setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%";
      report(
          Code.PERCENT_TOO_PRECISE,
          lit,
          "percentage `" + lit.text() + "` is more precise than 0.0001%",
          "too many decimals",
          "Envoy's finest fraction is one in a million: round to four decimals, e.g. `"
              + rounded
              + "`");
      return Optional.empty();
    }
    return Optional.of(new Percent(ppm.intValueExact()));
  }

  /** Returns an integer literal within {@code [min, max]}; {@code what} names it in messages. */
  public OptionalInt integer(Literal lit, long min, long max, String what) {
    if (lit.kind() != Literal.Kind.INT) {
      Matcher shorthand = THOUSANDS.matcher(lit.text());
      report(
          Code.WRONG_VALUE_KIND,
          lit,
          "expected a whole number for " + what + ", found `" + lit.text() + "`",
          "not a whole number",
          shorthand.matches() ? "write the number out: `" + shorthand.group(1) + "000`" : "");
      return OptionalInt.empty();
    }
    BigDecimal value = new BigDecimal(lit.text());
    if (value.compareTo(BigDecimal.valueOf(min)) < 0
        || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      report(
          Code.NUMBER_OUT_OF_RANGE,
          lit,
          what + " `" + lit.text() + "` is out of range",
          "must be between " + min + " and " + max,
          "");
      return OptionalInt.empty();
    }
    return OptionalInt.of(value.intValueExact());
  }

  /** Returns a TCP port, 1-65535. */
  public OptionalInt port(Literal lit) {
    if (lit.kind() == Literal.Kind.INT && !inRange(lit.text(), 1, 65535)) {
      report(
          Code.INVALID_ADDRESS,
          lit,
          "port `" + lit.text() + "` is out of range",
          "ports are 1-65535",
          "");
      return OptionalInt.empty();
    }
    return integer(lit, 1, 65535, "port");
  }

  /**
   * Returns an HTTP status within {@code [min, max]}; {@code why} explains the bounds (e.g. Envoy's
   * fault filter accepts aborts of 200-599 only).
   */
  public OptionalInt status(Literal lit, int min, int max, String why) {
    if (lit.kind() == Literal.Kind.INT && !inRange(lit.text(), min, max)) {
      diagnostics.add(
          Diagnostic.error(
                  Code.STATUS_OUT_OF_RANGE,
                  lit.span(),
                  "HTTP status `" + lit.text() + "` is outside " + min + "-" + max)
              .label("must be " + min + "-" + max)
              .note(why));
      return OptionalInt.empty();
    }
    return integer(lit, min, max, "HTTP status");
  }

  /** Returns an endpoint address: {@code 1.2.3.4:80}, {@code [::1]:80} or {@code "host:80"}. */
  public Optional<Endpoint> endpoint(Literal lit) {
    String text = lit.text();
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      report(
          Code.INVALID_ADDRESS,
          lit,
          "invalid address `" + text + "`",
          "expected host:port",
          "write an address like `127.0.0.1:9101` or `\"reviews.local:9080\"`");
      return Optional.empty();
    }
    String host = text.substring(0, colon);
    String portText = text.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
      if (!isIpv6(host)) {
        report(
            Code.INVALID_ADDRESS,
            lit,
            "invalid IPv6 address `" + host + "`",
            "not an IPv6 address",
            "");
        return Optional.empty();
      }
    } else if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      if (!isIpv4(host)) {
        report(
            Code.INVALID_ADDRESS,
            lit,
            "invalid IPv4 address `" + host + "`",
            "each part must be 0-255",
            "");
        return Optional.empty();
      }
    } else if (host.contains(":") || !HOST_NAME.matcher(host).matches()) {
      diagnostics.add(
          Diagnostic.error(Code.INVALID_ADDRESS, lit.span(), "invalid host `" + host + "`")
              .label("not an IP address or DNS name")
              .suggest(isIpv6(host) ? Optional.of("[" + host + "]:" + portText) : Optional.empty())
              .help("bracket IPv6 addresses: `[::1]:9101`"));
      return Optional.empty();
    }
    if (!portText.chars().allMatch(Character::isDigit) || !inRange(portText, 1, 65535)) {
      report(
          Code.INVALID_ADDRESS,
          lit,
          "invalid port `" + portText + "` in `" + text + "`",
          "ports are 1-65535",
          "");
      return Optional.empty();
    }
    return Optional.of(new Endpoint(host, Integer.parseInt(portText), lit.span()));
  }

  /** Returns the pattern if it compiles under RE2, the engine Envoy uses. */
  public Optional<String> regex(Literal lit) {
    try {
      Pattern.compile(lit.text());
      return Optional.of(lit.text());
    } catch (PatternSyntaxException e) {
      String bad = e.getPattern();
      String problem;
      if (bad.startsWith("(?=") || bad.startsWith("(?!")) {
        bad = bad.substring(0, 3);
        problem = "lookahead `" + bad + "` is not supported";
      } else if (bad.startsWith("(?<=") || bad.startsWith("(?<!")) {
        bad = bad.substring(0, 4); // RE2 calls this an "invalid named capture"
        problem = "lookbehind `" + bad + "` is not supported";
      } else if (bad.matches("\\\\[1-9]")) {
        problem = "backreference `" + bad + "` is not supported";
      } else {
        problem = e.getDescription() + " `" + bad + "`";
      }
      diagnostics.add(
          Diagnostic.error(
                  Code.INVALID_REGEX, fragment(lit, bad), "invalid regular expression: " + problem)
              .label("RE2 rejects this")
              .note("Envoy uses RE2: no lookahead, lookbehind or backreferences"));
      return Optional.empty();
    }
  }

  /**
   * Returns the span of {@code part} inside the string literal, or the whole literal if not found.
   */
  private static Span fragment(Literal lit, String part) {
    String raw = lit.span().text();
    int at = part.isEmpty() ? -1 : raw.indexOf(part, 1);
    if (at < 0) {
      return lit.span(); // escapes make source and value differ; point at the whole string
    }
    int start = lit.span().start() + at;
    return new Span(lit.span().file(), start, start + part.length());
  }

  /** Returns a header name if it is a valid HTTP token; names are compared lower-cased. */
  public Optional<String> headerName(Literal lit) {
    String name = lit.text();
    boolean pseudo = name.startsWith(":") && HEADER_NAME.matcher(name.substring(1)).matches();
    if (!pseudo && !HEADER_NAME.matcher(name).matches()) {
      report(
          Code.INVALID_HEADER_NAME,
          lit,
          "invalid header name `" + name + "`",
          "not an HTTP token",
          "header names are letters, digits and `!#$%&'*+-.^_|~`");
      return Optional.empty();
    }
    return Optional.of(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** Returns an HTTP path that starts with {@code /} and has no spaces. */
  public Optional<String> path(Literal lit, String what) {
    String p = lit.text();
    boolean printable = p.chars().noneMatch(c -> c <= ' ' || c == 0x7f);
    if (!p.startsWith("/") || !printable) {
      Diagnostic.Builder d =
          Diagnostic.error(Code.INVALID_PATH, lit.span(), "invalid " + what + " `" + p + "`");
      if (printable) {
        d.label("must start with `/`").suggest(Optional.of("\"/" + p + "\""));
      } else {
        d.label("must not contain spaces or control characters")
            .help("percent-encode a space as `%20`");
      }
      diagnostics.add(d);
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /** Returns a DNS host name or {@code *}-prefixed wildcard. */
  public Optional<String> host(Literal lit, boolean wildcardAllowed) {
    String h = lit.text();
    String bare = wildcardAllowed && h.startsWith("*.") ? h.substring(2) : h;
    if ((wildcardAllowed && h.equals("*")) || HOST_NAME.matcher(bare).matches()) {
      return Optional.of(h);
    }
    int scheme = h.indexOf("://");
    Optional<String> bareHost = Optional.empty();
    if (scheme > 0) {
      // `https://shop.example.com/`: a URL where a host name belongs
      String rest = h.substring(scheme + 3);
      int slash = rest.indexOf('/');
      String candidate = slash < 0 ? rest : rest.substring(0, slash);
      if (HOST_NAME.matcher(candidate).matches()) {
        bareHost = Optional.of("\"" + candidate + "\"");
      }
    }
    diagnostics.add(
        Diagnostic.error(Code.INVALID_HOST, lit.span(), "invalid host `" + h + "`")
            .label(scheme > 0 ? "a URL, not a host name" : "not a DNS name")
            .suggest(bareHost)
            .help(
                "host names are letters, digits, `-` and `.`"
                    + (wildcardAllowed
                        ? "; use `*` for any host or `*.example.com` for a domain"
                        : "")));
    return Optional.empty();
  }

  /** Returns the word if it is one of {@code allowed}, else reports with a suggestion. */
  public Optional<String> oneOf(Literal lit, List<String> allowed, Code code, String what) {
    if (allowed.contains(lit.text())) {
      return Optional.of(lit.text());
    }
    diagnostics.add(
        Diagnostic.error(code, lit.span(), "unknown " + what + " `" + lit.text() + "`")
            .label("not a " + what)
            .suggest(Suggest.nearest(lit.text(), allowed))
            .help(
                "expected one of "
                    + String.join(", ", allowed.stream().map(a -> "`" + a + "`").toList())));
    return Optional.empty();
  }

  private void report(Code code, Literal lit, String message, String label, String help) {
    Diagnostic.Builder d = Diagnostic.error(code, lit.span(), message).label(label);
    if (!help.isEmpty()) {
      d.help(help);
    }
    diagnostics.add(d);
  }

  private static boolean inRange(String digits, long min, long max) {
    if (digits.isEmpty() || digits.length() > 18) {
      return false;
    }
    long v = Long.parseLong(digits);
    return v >= min && v <= max;
  }

  private static boolean isIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String host) {
    try {
      return host.contains(":")
          && java.net.InetAddress.getByName(host) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
