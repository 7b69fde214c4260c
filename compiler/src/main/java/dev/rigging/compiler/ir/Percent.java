package dev.rigging.compiler.ir;

/**
 * A percentage held exactly as parts per million, so `0.5%` and `20%` need no floating point and
 * weights add up exactly. The language allows at most four decimals (1 ppm).
 */
public record Percent(int ppm) implements Comparable<Percent> {
  public static final int MILLION = 1_000_000;
  public static final Percent ZERO = new Percent(0);
  public static final Percent HUNDRED = new Percent(MILLION);

  public Percent {
    if (ppm < 0 || ppm > MILLION) {
      throw new IllegalArgumentException("percent out of range: " + ppm + " ppm");
    }
  }

  /** Returns the percentage for a whole number of percent. */
  public static Percent ofWhole(int percent) {
    return new Percent(percent * 10_000);
  }

  public boolean isWholePercent() {
    return ppm % 10_000 == 0;
  }

  /** Returns the percentage as written in the language, e.g. {@code 0.5%}. */
  @Override
  public String toString() {
    var value = java.math.BigDecimal.valueOf(ppm, 4).stripTrailingZeros();
    return value.toPlainString() + "%";
  }

  @Override
  public int compareTo(Percent other) {
    return Integer.compare(ppm, other.ppm);
  }
}
