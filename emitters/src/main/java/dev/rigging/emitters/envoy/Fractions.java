package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.Percent;
import java.util.List;

/** Exact percentages in Envoy's integer forms: no floating point anywhere. */
final class Fractions {
  private Fractions() {}

  /**
   * Returns a {@code FractionalPercent} with the coarsest denominator that holds {@code percent}
   * exactly: HUNDRED for whole percents, TEN_THOUSAND for two decimals, else MILLION.
   */
  static ObjectNode fractionalPercent(Percent percent) {
    int ppm = percent.ppm();
    var node = Json.object();
    if (ppm % 10_000 == 0) {
      node.put("numerator", ppm / 10_000).put("denominator", "HUNDRED");
    } else if (ppm % 100 == 0) {
      node.put("numerator", ppm / 100).put("denominator", "TEN_THOUSAND");
    } else {
      node.put("numerator", ppm).put("denominator", "MILLION");
    }
    return node;
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
