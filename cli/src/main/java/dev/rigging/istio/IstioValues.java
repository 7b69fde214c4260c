package dev.rigging.istio;

import dev.rigging.compiler.ir.Duration;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Istio's durations, percentages and host names, turned into the language's forms. */
final class IstioValues {
  /**
   * Go / protobuf duration text as Istio accepts it: {@code 500ms}, {@code 1.5s}, {@code 1m30s}.
   */
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

  private IstioValues() {}

  /** Returns a duration in the language's form (e.g. {@code 500ms}), reporting bad ones. */
  static Optional<String> duration(YamlFile file, Optional<Yaml> node, String what) {
    Optional<String> text = file.string(node, what);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String value = text.get().strip();
    Matcher m = PART.matcher(value);
    BigDecimal nanos = BigDecimal.ZERO;
    int consumed = 0;
    while (m.find() && m.start() == consumed) {
      BigDecimal amount = new BigDecimal(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "h" -> 3_600_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs" -> 1_000L;
            default -> 1L;
          };
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unit)));
      consumed = m.end();
    }
    if (value.isEmpty() || consumed != value.length()) {
      file.invalid(node.get().at(), "`" + what + "` is not a duration: `" + value + "`");
      return Optional.empty();
    }
    BigDecimal[] millis = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000));
    if (millis[1].signum() != 0) {
      file.noEquivalent(
          node.get().at(),
          "`" + what + "` of `" + value + "` is finer than a millisecond",
          "the language's durations have millisecond resolution");
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(millis[0].longValueExact()).toString());
  }

  /** Returns a percentage as the language writes it ({@code 12.5%}), reporting bad ones. */
  static Optional<String> percent(YamlFile file, Yaml.At at, BigDecimal value, String what) {
    if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
      file.invalid(at, "`" + what + "` must be between 0 and 100, not " + value.toPlainString());
      return Optional.empty();
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > 4) {
      file.noEquivalent(
          at,
          "`" + what + "` of " + value.toPlainString() + " is more precise than 0.0001%",
          "round it to four decimals");
      return Optional.empty();
    }
    return Optional.of(
        (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString() + "%");
  }

  /**
   * Returns the service a Kubernetes host names: {@code reviews.default.svc.cluster.local} → {@code
   * reviews}.
   */
  static String serviceOfHost(String host) {
    int dot = host.indexOf('.');
    return dot < 0 ? host : host.substring(0, dot);
  }

  /** Returns {@code text} as a language string literal. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
