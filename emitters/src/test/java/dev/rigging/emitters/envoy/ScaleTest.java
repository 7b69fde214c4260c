package dev.rigging.emitters.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Emits a benchmark-sized mesh (5,000 services, 25,000 routes, 20,000 documents). The whole
 * compile must take at most 5 s on 2 cores; emit takes about 1 s of CPU for it. The bound here
 * is on CPU time, which a busy machine inflates far less than wall time, and is generous: it is
 * there to catch a quadratic lookup or a re-serialization creeping in, not to benchmark.
 */
class ScaleTest {

  @Test
  void benchmarkSizedMeshEmitsQuickly() {
    var mesh = ScaleMesh.generate(5_000);
    var emitter = new EnvoyEmitter(EnvoyOptions.defaults());
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    var documents = emitter.emit(mesh);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
    long bytes = documents.stream().mapToLong(d -> d.content().length()).sum();
    System.out.printf("emitted %d documents, %d MB, in %d ms (%d ms CPU)%n",
        documents.size(), bytes >> 20, millis, cpuMillis);
    assertEquals(20_000, documents.size());
    assertTrue(cpuMillis < 20_000, "emit took " + cpuMillis + " ms of CPU");
  }
}
