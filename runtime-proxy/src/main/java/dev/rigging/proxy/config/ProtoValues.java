package dev.rigging.proxy.config;

import dev.rigging.proxy.route.Percentage;
import dev.rigging.proxy.route.StringMatch;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.time.Duration;

/** Conversions of small Envoy value types shared by the translators. */
final class ProtoValues {

  private ProtoValues() {}

  static Duration duration(com.google.protobuf.Duration duration) {
    return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
  }

  static Percentage percentage(FractionalPercent percent) {
    int denominator =
        switch (percent.getDenominator()) {
          case HUNDRED -> 100;
          case TEN_THOUSAND -> 10_000;
          case MILLION -> 1_000_000;
          case UNRECOGNIZED -> throw new IllegalArgumentException("unknown denominator");
        };
    return Percentage.fraction(Integer.toUnsignedLong(percent.getNumerator()), denominator);
  }

  /**
   * An Envoy string matcher as the proxy's; the support check has already refused the other kinds.
   */
  static StringMatch stringMatch(StringMatcher matcher) {
    return switch (matcher.getMatchPatternCase()) {
      case EXACT -> new StringMatch.Exact(matcher.getExact());
      case PREFIX -> new StringMatch.Prefix(matcher.getPrefix());
      case SUFFIX -> new StringMatch.Suffix(matcher.getSuffix());
      case SAFE_REGEX -> StringMatch.Regex.of(matcher.getSafeRegex().getRegex());
      default ->
          throw new IllegalArgumentException(
              "unsupported string matcher " + matcher.getMatchPatternCase());
    };
  }
}
