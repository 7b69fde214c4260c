package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One validator shared by several threads gives each document the answer it gives alone. */
class ConcurrencyTest {

  private static final Map<String, EnvoyType> DOCUMENTS =
      Map.of(
          "bootstrap-valid.json", EnvoyType.BOOTSTRAP,
          "listener-on-demand-extension.json", EnvoyType.LISTENER,
          "listener-fault-abort-status.json", EnvoyType.LISTENER,
          "route-config-negative-timeout.json", EnvoyType.ROUTE_CONFIGURATION,
          "cluster-strict-header-name.json", EnvoyType.CLUSTER,
          "discovery-response-invalid-listener.json", EnvoyType.DISCOVERY_RESPONSE,
          "bootstrap-unknown-field.json", EnvoyType.BOOTSTRAP);

  @Test
  void sharedValidator_givesTheSameResultsOnManyThreads() throws Exception {
    EnvoyValidator reference = EnvoyValidator.create();
    Map<String, List<Violation>> expected = new java.util.HashMap<>();
    DOCUMENTS.forEach(
        (name, type) -> expected.put(name, reference.validate(Fixtures.read(name), type)));

    // A fresh validator, so that plan compilation and on-demand type loading also race.
    EnvoyValidator shared = EnvoyValidator.create();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = t;
        results.add(
            pool.submit(
                () -> {
                  List<String> order = new ArrayList<>(DOCUMENTS.keySet());
                  List<String> mismatches = new ArrayList<>();
                  Random random = new Random(seed);
                  for (int round = 0; round < 25; round++) {
                    Collections.shuffle(order, random);
                    for (String name : order) {
                      List<Violation> actual =
                          shared.validate(Fixtures.read(name), DOCUMENTS.get(name));
                      if (!actual.equals(expected.get(name))) {
                        mismatches.add(name + ": " + actual);
                      }
                    }
                  }
                  return mismatches;
                }));
      }
      for (Future<List<String>> result : results) {
        assertEquals(List.of(), result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
