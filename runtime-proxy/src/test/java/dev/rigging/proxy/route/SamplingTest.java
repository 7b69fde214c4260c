package dev.rigging.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingTest {

  private static final ClusterChoice.Weighted CANARY =
      new ClusterChoice.Weighted(
          List.of(
              new ClusterChoice.WeightedCluster("v1", 20),
              new ClusterChoice.WeightedCluster("v2", 80)));

  @Test
  void weightedChoiceMapsTheRandomValueOntoCumulativeWeightsInOrder() {
    assertEquals("v1", CANARY.pick(0));
    assertEquals("v1", CANARY.pick(19));
    assertEquals("v2", CANARY.pick(20));
    assertEquals("v2", CANARY.pick(99));
    assertEquals("v1", CANARY.pick(100), "random is taken modulo the total weight");
  }

  @Test
  void weightedChoiceGivesEachClusterItsShareOverAFullCycle() {
    int v1 = 0;
    for (long random = 0; random < 1000; random++) {
      v1 += CANARY.pick(random).equals("v1") ? 1 : 0;
    }
    assertEquals(200, v1);
  }

  @Test
  void weightedChoiceTreatsTheRandomValueAsUnsigned() {
    assertEquals(Long.remainderUnsigned(-1L, 100) < 20 ? "v1" : "v2", CANARY.pick(-1L));
  }

  @Test
  void zeroWeightClustersAreNeverPicked() {
    ClusterChoice.Weighted split =
        new ClusterChoice.Weighted(
            List.of(
                new ClusterChoice.WeightedCluster("off", 0),
                new ClusterChoice.WeightedCluster("on", 1)));
    for (long random = 0; random < 10; random++) {
      assertEquals("on", split.pick(random));
    }
  }

  @Test
  void splitWithoutWeightIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ClusterChoice.Weighted(List.of(new ClusterChoice.WeightedCluster("a", 0))));
  }

  @Test
  void fractionalPercentsNormaliseToPartsPerMillion() {
    assertEquals(new Percentage(100_000), Percentage.fraction(10, 100));
    assertEquals(new Percentage(5_000), Percentage.fraction(50, 10_000));
    assertEquals(new Percentage(7), Percentage.fraction(7, 1_000_000));
    assertEquals(Percentage.ALWAYS, Percentage.fraction(150, 100), "Envoy caps at 100%");
    assertThrows(IllegalArgumentException.class, () -> Percentage.fraction(1, 1000));
  }

  @Test
  void percentageSamplesExactlyItsShareOfRandomValues() {
    Percentage tenPercent = Percentage.fraction(10, 100);
    assertTrue(tenPercent.sample(0));
    assertTrue(tenPercent.sample(99_999));
    assertFalse(tenPercent.sample(100_000));
    assertTrue(tenPercent.sample(1_000_000), "random is taken modulo a million");
    assertFalse(new Percentage(0).sample(0));
    assertTrue(Percentage.ALWAYS.sample(999_999));
  }
}
