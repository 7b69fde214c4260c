package dev.rigging.proxy.route;

import java.util.Locale;
import java.util.Objects;

/**
 * Condition on one request header, as Envoy's {@code HeaderMatcher}.
 *
 * <p>A missing header fails every value condition and satisfies {@link Condition.Present} only when
 * {@code present} is false; {@code invert} then flips the outcome, as {@code invert_match} does.
 * Several values of one header are joined with {@code ","} before matching, as Envoy does.
 */
public record HeaderMatcher(String name, Condition condition, boolean invert) {

  public HeaderMatcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
    name = name.toLowerCase(Locale.ROOT);
  }

  /** What the header's value must satisfy. */
  public sealed interface Condition {}

  /** The header's (joined) value satisfies a string condition. */
  public record Value(StringMatch match) implements Condition {
    public Value {
      Objects.requireNonNull(match, "match");
    }
  }

  /** The header is present ({@code true}) or absent ({@code false}), whatever its value. */
  public record Present(boolean present) implements Condition {}

  /** Whether {@code request} satisfies this matcher. */
  public boolean matches(RouteRequest request) {
    String value = request.header(name);
    boolean matched =
        switch (condition) {
          case Value v -> value != null && v.match().matches(value);
          case Present p -> (value != null) == p.present();
        };
    return matched != invert;
  }
}
