package dev.rigging.cli;

import dev.rigging.compiler.Compilation.StageTiming;
import dev.rigging.diag.Diagnostic;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.emitters.envoy.ProxyEmission;
import dev.rigging.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The back half of {@code rig compile}, proxy by proxy on every core: emit one proxy's documents,
 * validate them, hash and write them into the staging tree, drop them. Only the manifest entries
 * are kept, so memory does not grow with the output (a benchmark-sized mesh is hundreds of
 * megabytes of JSON), and proxies are independent, so they run in parallel.
 *
 * <p>Once a document fails validation nothing more is written, but every proxy is still validated
 * so that all violations are reported; the caller then discards the staging tree. Results do not
 * depend on the order in which the threads finish: violations are reported in proxy order and the
 * manifest sorts its entries.
 */
final class ProxyPipeline {
  /**
   * @param outputs one entry per written document, in no particular order; empty if invalid
   * @param invalid MESH0901 diagnostics, in proxy and document order
   * @param parts the time spent in each step, summed over the threads
   * @param threads how many threads ran
   */
  record Result(
      List<Manifest.Entry> outputs,
      List<Diagnostic> invalid,
      List<StageTiming> parts,
      int threads) {}

  private final EnvoyValidation validation;
  private final Span fallback;
  private final int threads;

  ProxyPipeline(EnvoyValidation validation, Span fallback, int threads) {
    this.validation = validation;
    this.fallback = fallback;
    this.threads = Math.max(1, threads);
  }

  /** Runs every proxy through the pipeline, writing into {@code staging}. */
  Result run(List<ProxyEmission> proxies, OutputTree.Staging staging) throws IOException {
    var run = new Run(proxies, staging);
    int workers = Math.min(threads, Math.max(1, proxies.size()));
    List<Future<?>> futures = new ArrayList<>(workers);
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            workers, Thread.ofPlatform().name("rig-compile-", 1).daemon().factory())) {
      for (int i = 0; i < workers; i++) {
        futures.add(pool.submit(run::work));
      }
      for (Future<?> future : futures) {
        await(future, run);
      }
    }
    if (run.failure != null) {
      throw rethrow(run.failure);
    }
    List<Diagnostic> invalid = new ArrayList<>();
    for (int i = 0; i < run.diagnostics.length(); i++) {
      List<Diagnostic> found = run.diagnostics.get(i);
      if (found != null) {
        invalid.addAll(found);
      }
    }
    List<StageTiming> parts =
        List.of(
            new StageTiming("emit", run.emit.get()),
            new StageTiming("validate", run.validate.get()),
            new StageTiming("hash", run.hash.get()),
            new StageTiming("write", run.write.get()));
    List<Manifest.Entry> outputs = invalid.isEmpty() ? List.copyOf(run.outputs) : List.of();
    return new Result(outputs, invalid, parts, workers);
  }

  /** Waits for one worker; the first failure stops the others, and is kept to be rethrown. */
  private static void await(Future<?> future, Run run) {
    try {
      future.get();
    } catch (ExecutionException e) {
      run.fail(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      run.fail(e);
    }
  }

  private static IOException rethrow(Throwable failure) {
    if (failure instanceof UncheckedIOException io) {
      return io.getCause();
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("compile interrupted", failure);
  }

  /** The state one run shares between its workers. */
  private final class Run {
    private final List<ProxyEmission> proxies;
    private final OutputTree.Staging staging;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean invalid = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Manifest.Entry> outputs = new ConcurrentLinkedQueue<>();

    /** Per proxy, its violations if it has any; each slot is set by the worker that took it. */
    private final AtomicReferenceArray<List<Diagnostic>> diagnostics;

    private final AtomicLong emit = new AtomicLong();
    private final AtomicLong validate = new AtomicLong();
    private final AtomicLong hash = new AtomicLong();
    private final AtomicLong write = new AtomicLong();
    private volatile Throwable failure;

    Run(List<ProxyEmission> proxies, OutputTree.Staging staging) {
      this.proxies = proxies;
      this.staging = staging;
      this.diagnostics = new AtomicReferenceArray<>(proxies.size());
    }

    synchronized void fail(Throwable e) {
      if (failure == null) {
        failure = e;
      }
    }

    void work() {
      long emitted = 0;
      long validated = 0;
      long hashed = 0;
      long written = 0;
      try {
        for (int i = next.getAndIncrement();
            i < proxies.size() && failure == null;
            i = next.getAndIncrement()) {
          long start = System.nanoTime();
          List<EmittedDocument> documents = proxies.get(i).emit();
          long afterEmit = System.nanoTime();
          emitted += afterEmit - start;

          List<Diagnostic> found = validation.checkProxy(documents, fallback);
          long afterValidate = System.nanoTime();
          validated += afterValidate - afterEmit;
          if (!found.isEmpty()) {
            invalid.set(true);
            diagnostics.set(i, found);
            continue;
          }
          if (invalid.get()) {
            continue; // the tree will be discarded: no point writing it
          }
          for (EmittedDocument document : documents) {
            long before = System.nanoTime();
            byte[] bytes = document.content().getBytes(StandardCharsets.UTF_8);
            outputs.add(Manifest.Entry.of(document.path(), bytes));
            long afterHash = System.nanoTime();
            hashed += afterHash - before;
            staging.write(document.path(), bytes);
            written += System.nanoTime() - afterHash;
          }
        }
      } catch (IOException e) {
        fail(new UncheckedIOException(e));
      } catch (RuntimeException | Error e) {
        fail(e);
      } finally {
        emit.addAndGet(emitted);
        validate.addAndGet(validated);
        hash.addAndGet(hashed);
        write.addAndGet(written);
      }
    }
  }
}
