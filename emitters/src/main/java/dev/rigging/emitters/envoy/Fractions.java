package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.Percent;
import java.util.List;

/** Exact percentages in Envoy's integer forms: no floating point anywhere. */
final class Fractions {
  private Fractions() {}

  /**
   * Writes a {@code FractionalPercent} with the coarsest denominator that holds {@code percent}
   * exactly: HUNDRED for whole percents, TEN_THOUSAND for two decimals, else MILLION.
   */
  static void fractionalPercent(CompactJson out, Percent percent) {
    int ppm = percent.ppm();
    out.beginObject();
    if (ppm % 10_000 == 0) {
      out.field("numerator", ppm / 10_000).field("denominator", "HUNDRED");
    } else if (ppm % 100 == 0) {
      out.field("numerator", ppm / 100).field("denominator", "TEN_THOUSAND");
    } else {
      out.field("numerator", ppm).field("denominator", "MILLION");
    }
    out.endObject();
  }

  /**
   * Returns the unit (in ppm) that turns every weight into an integer: 10,000 when all are whole
   * percents (weights then sum to 100), else the largest power of ten dividing every weight, so the
   * integer weights keep the exact ratios and sum to 100 times a power of ten.
   */
  static int weightUnit(List<Percent> weights) {
    int unit = 10_000;
    for (var weight : weights) {
      while (weight.ppm() % unit != 0) {
        unit /= 10;
      }
    }
    return unit;
  }

  /** Returns a whole percentage, rounding a fractional one up (Envoy takes only integers). */
  static int wholePercentRoundedUp(Percent percent) {
    return (percent.ppm() + 9_999) / 10_000;
  }
}
