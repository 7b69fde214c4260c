package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Emits a benchmark-sized mesh (5,000 services, 25,000 routes, 20,000 documents) and prints how
 * long it took. Nothing here asserts on time: speed lives in the compile benchmark ({@code
 * bench/compile-bench.sh}, docs/BENCHMARKS.md), whose 500-to-5,000-service ratio is what catches a
 * quadratic lookup creeping in.
 */
class ScaleTest {

  @Test
  void benchmarkSizedMeshEmitsEveryDocument() {
    var mesh = ScaleMesh.generate(5_000);
    var emitter = new EnvoyEmitter(EnvoyOptions.defaults());
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    var documents = emitter.emit(mesh);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
    long bytes = documents.stream().mapToLong(d -> d.content().length()).sum();
    System.out.printf(
        "emitted %d documents, %d MB, in %d ms (%d ms CPU)%n",
        documents.size(), bytes >> 20, millis, cpuMillis);
    assertEquals(20_000, documents.size());
    assertTrue(documents.stream().allMatch(d -> d.content().endsWith("}\n")));
  }
}
