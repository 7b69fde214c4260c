package dev.rigging.validators;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of {@link EnvoyValidator} on the benchmark's shape: 5,000 proxies, four documents each
 * (bootstrap, listeners, clusters, routes), validated on a fixed number of threads. Prints the time
 * from JVM start, the cold pass (first 20,000 documents, JIT warming up) and a warm pass. A
 * program, not a test: timings on shared machines are not assertions. Run it with {@code java -cp
 * <test classpath> dev.rigging.validators.ThroughputBenchmark [threads] [proxies] [compact]}.
 */
public final class ThroughputBenchmark {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private record Document(String json, EnvoyType type) {}

  private ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int proxies = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    boolean compact = args.length > 2 && Boolean.parseBoolean(args[2]);
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

    long t0 = System.nanoTime();
    EnvoyValidator validator = EnvoyValidator.create();
    long created = System.nanoTime();
    List<Document> documents = documents(proxies, compact);
    long bytes =
        documents.stream().mapToLong(d -> d.json().getBytes(StandardCharsets.UTF_8).length).sum();
    long generated = System.nanoTime();

    double cold = run(validator, documents, threads);
    long coldEnd = System.currentTimeMillis();
    double warm = run(validator, documents, threads);

    System.out.printf(
        "documents: %d, %.1f MB (%s, avg %.1f KB), threads: %d%n",
        documents.size(),
        bytes / 1e6,
        compact ? "compact" : "pretty-printed",
        bytes / 1e3 / documents.size(),
        threads);
    System.out.printf(
        "create(): %.0f ms, generating documents: %.0f ms%n",
        (created - t0) / 1e6, (generated - created) / 1e6);
    System.out.printf(
        "cold pass: %.2f s = %.0f docs/s = %.1f MB/s%n",
        cold, documents.size() / cold, bytes / 1e6 / cold);
    System.out.printf(
        "warm pass: %.2f s = %.0f docs/s = %.1f MB/s%n",
        warm, documents.size() / warm, bytes / 1e6 / warm);
    System.out.printf(
        "JVM start to end of cold pass: %.2f s (document generation included: %.2f s)%n",
        (coldEnd - jvmStart) / 1e3, (generated - created) / 1e9);
  }

  /**
   * Seconds to validate every document once, spread over {@code threads}; fails on any violation.
   * Also prints the CPU seconds the workers used, which other load on the machine does not inflate.
   */
  private static double run(EnvoyValidator validator, List<Document> documents, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    AtomicLong cpuNanos = new AtomicLong();
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  long cpuStart = THREADS.getCurrentThreadCpuTime();
                  for (int i = next.getAndIncrement();
                      i < documents.size();
                      i = next.getAndIncrement()) {
                    Document d = documents.get(i);
                    List<Violation> violations = validator.validate(d.json(), d.type());
                    if (!violations.isEmpty()) {
                      throw new IllegalStateException("unexpected violations: " + violations);
                    }
                  }
                  cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
    double cpu = cpuNanos.get() / 1e9;
    System.out.printf(
        "  pass used %.2f CPU s = %.0f docs per CPU s = %.1f MB per CPU s%n",
        cpu,
        documents.size() / cpu,
        documents.stream().mapToLong(d -> d.json().length()).sum() / 1e6 / cpu);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Four valid documents per proxy, each made distinct by the proxy's number. */
  private static List<Document> documents(int proxies, boolean compact) {
    String bootstrap = shape(Fixtures.read("bootstrap-valid.json"), compact);
    String listeners = shape(Fixtures.read("discovery-response-listeners.json"), compact);
    String cluster = shape(Fixtures.read("cluster-valid.json"), compact);
    String routes = shape(Fixtures.read("route-config-valid.json"), compact);
    List<Document> documents = new ArrayList<>(proxies * 4);
    for (int p = 0; p < proxies; p++) {
      String id = "p" + p;
      documents.add(
          new Document(bootstrap.replace("checkout", "checkout-" + id), EnvoyType.BOOTSTRAP));
      documents.add(
          new Document(
              listeners.replace("inbound_http", "inbound_http_" + id),
              EnvoyType.DISCOVERY_RESPONSE));
      documents.add(new Document(cluster.replace("checkout-v1", "svc-" + id), EnvoyType.CLUSTER));
      documents.add(
          new Document(
              routes.replace("inbound_routes", "routes_" + id), EnvoyType.ROUTE_CONFIGURATION));
    }
    return documents;
  }

  /** Drops the indentation when {@code compact}, as an emitter writing minified JSON would. */
  private static String shape(String json, boolean compact) {
    return compact ? com.google.gson.JsonParser.parseString(json).toString() : json;
  }
}
