package dev.rigging.proxy.route;

/**
 * A probability in parts per million: Envoy's {@code FractionalPercent} with its denominator
 * (HUNDRED, TEN_THOUSAND, MILLION) normalised, so 10% is {@code 100_000}.
 */
public record Percentage(int perMillion) {

  public static final int MILLION = 1_000_000;
  public static final Percentage ALWAYS = new Percentage(MILLION);

  public Percentage {
    if (perMillion < 0) {
      throw new IllegalArgumentException("negative percentage: " + perMillion);
    }
    // Envoy caps a numerator above its denominator at 100%.
    perMillion = Math.min(perMillion, MILLION);
  }

  /** {@code numerator / denominator}, where the denominator is 100, 10 000 or 1 000 000. */
  public static Percentage fraction(long numerator, int denominator) {
    if (denominator != 100 && denominator != 10_000 && denominator != MILLION) {
      throw new IllegalArgumentException(
          "denominator must be 100, 10000 or 1000000: " + denominator);
    }
    long scaled = numerator * (MILLION / denominator);
    return new Percentage((int) Math.min(scaled, MILLION));
  }

  /**
   * Whether the event happens for a uniformly random {@code random}: {@code random % 1_000_000 <
   * perMillion}.
   */
  public boolean sample(long random) {
    return Long.remainderUnsigned(random, MILLION) < perMillion;
  }
}
