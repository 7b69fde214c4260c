package dev.rigging.proxy.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.config.HttpFilterConfig;
import dev.rigging.proxy.route.FaultConfig;
import dev.rigging.proxy.route.Percentage;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static final Duration SEVEN_SECONDS = Duration.ofSeconds(7);

  private static FaultConfig faults(Percentage delay, Percentage abort) {
    return new FaultConfig(
        Optional.of(new FaultConfig.Delay(SEVEN_SECONDS, delay)),
        Optional.of(new FaultConfig.Abort(500, abort)));
  }

  /** Returns the given values in turn. */
  private static LongSupplier sequence(long... values) {
    int[] next = {0};
    return () -> values[next[0]++];
  }

  /** Asserts {@code count} of {@code n} trials is within 5 binomial sigmas of {@code p · n}. */
  private static void assertRate(double p, long count, int n, String what) {
    double mean = p * n;
    double sigma = Math.sqrt(n * p * (1 - p));
    assertTrue(
        Math.abs(count - mean) <= 5 * sigma,
        what + ": " + count + " of " + n + ", expected " + mean + " ± " + 5 * sigma);
  }

  @Test
  void samplesDelayThenAbortFromOneDrawEach() {
    FaultConfig tenPercent =
        faults(Percentage.fraction(10, 100), Percentage.fraction(1_000, 10_000));
    var injector = new FaultInjector(sequence(99_999, 100_000, 100_000, 99_999, 5, 7));
    assertEquals(new FaultInjector.Decision(SEVEN_SECONDS, 0), injector.decide(tenPercent));
    assertEquals(new FaultInjector.Decision(Duration.ZERO, 500), injector.decide(tenPercent));
    assertEquals(new FaultInjector.Decision(SEVEN_SECONDS, 500), injector.decide(tenPercent));
  }

  @Test
  void zeroPercentNeverAndHundredPercentAlways() {
    var injector = new FaultInjector(new SplittableRandom(1)::nextLong);
    FaultConfig never = faults(new Percentage(0), new Percentage(0));
    FaultConfig always = faults(Percentage.ALWAYS, Percentage.ALWAYS);
    for (int i = 0; i < 1_000; i++) {
      assertSame(FaultInjector.Decision.NONE, injector.decide(never));
      assertEquals(new FaultInjector.Decision(SEVEN_SECONDS, 500), injector.decide(always));
    }
  }

  @Test
  void negativeRandomValuesAreTreatedAsUnsigned() {
    var injector = new FaultInjector(() -> -1L);
    FaultConfig half = faults(new Percentage(500_000), new Percentage(500_000));
    boolean expected = Long.remainderUnsigned(-1L, Percentage.MILLION) < 500_000;
    assertEquals(expected, injector.decide(half).delayed());
  }

  @Test
  void noFaultConfigured_isNone() {
    var injector = new FaultInjector(() -> 0L);
    assertSame(
        FaultInjector.Decision.NONE,
        injector.decide(new FaultConfig(Optional.empty(), Optional.empty())));
  }

  @Test
  void delayAndAbortRatesAndTheirIndependence_withinFiveSigma() {
    int n = 200_000;
    double pDelay = 0.10;
    double pAbort = 0.25;
    FaultConfig config =
        faults(Percentage.fraction(10, 100), Percentage.fraction(250_000, 1_000_000));
    var injector = new FaultInjector(new SplittableRandom(20261121)::nextLong);
    int delays = 0;
    int aborts = 0;
    int both = 0;
    for (int i = 0; i < n; i++) {
      var decision = injector.decide(config);
      delays += decision.delayed() ? 1 : 0;
      aborts += decision.aborted() ? 1 : 0;
      both += decision.delayed() && decision.aborted() ? 1 : 0;
    }
    assertRate(pDelay, delays, n, "delays");
    assertRate(pAbort, aborts, n, "aborts");
    assertRate(pDelay * pAbort, both, n, "delayed and aborted");
  }

  @Test
  void smallPercentagesOfEachDenominator_withinFiveSigma() {
    int n = 400_000;
    var injector = new FaultInjector(new SplittableRandom(7)::nextLong);
    record Case(Percentage percentage, double p) {}
    for (Case c :
        new Case[] {
          new Case(Percentage.fraction(1, 100), 0.01),
          new Case(Percentage.fraction(25, 10_000), 0.0025),
          new Case(Percentage.fraction(500, 1_000_000), 0.0005)
        }) {
      FaultConfig config =
          new FaultConfig(
              Optional.empty(), Optional.of(new FaultConfig.Abort(503, c.percentage())));
      int aborts = 0;
      for (int i = 0; i < n; i++) {
        aborts += injector.decide(config).aborted() ? 1 : 0;
      }
      assertRate(c.p(), aborts, n, "aborts at " + c.percentage());
    }
  }

  @Test
  void routeFaultOverridesTheFilterDefaults() {
    FaultConfig defaults = faults(Percentage.ALWAYS, new Percentage(0));
    FaultConfig route = faults(new Percentage(0), Percentage.ALWAYS);
    var filter = new HttpFilterConfig.Fault("envoy.filters.http.fault", Optional.of(defaults));
    assertEquals(Optional.of(route), FaultInjector.effective(filter, Optional.of(route)));
    assertEquals(Optional.of(defaults), FaultInjector.effective(filter, Optional.empty()));
  }
}
