package dev.rigging.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Keeps one proxy process running: starts it on its configuration directory, adopts one left
 * running by an earlier agent, and starts it again after a crash with a growing pause.
 */
final class ProxySupervisor {
  private static final Logger LOG = Logger.getLogger(ProxySupervisor.class.getName());
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration MIN_PAUSE = Duration.ofMillis(250);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final ProxyTarget target;
  private final Path configDir;
  private final Path logFile;
  private final ProxyLauncher launcher;
  private final ProxyAdmin admin;
  private final Runnable onExit;
  private volatile ProcessHandle process;
  private volatile boolean adopted;
  private volatile int restarts;
  private volatile String lastFailure;
  private long nextStartNanos;
  private Duration pause = MIN_PAUSE;

  ProxySupervisor(
      ProxyTarget target, Path configDir, Path logFile, ProxyLauncher launcher, Runnable onExit) {
    this.target = target;
    this.configDir = configDir;
    this.logFile = logFile;
    this.launcher = launcher;
    this.admin = new ProxyAdmin(target.admin());
    this.onExit = onExit;
  }

  ProxyTarget target() {
    return target;
  }

  ProxyAdmin admin() {
    return admin;
  }

  Path configDir() {
    return configDir;
  }

  Optional<Long> pid() {
    ProcessHandle p = process;
    return p == null ? Optional.empty() : Optional.of(p.pid());
  }

  boolean running() {
    ProcessHandle p = process;
    return p != null && p.isAlive();
  }

  boolean adopted() {
    return adopted;
  }

  int restarts() {
    return restarts;
  }

  Optional<String> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /**
   * Takes over the process {@code pid} when it is alive and its admin listener reports {@code
   * expectedHash}; returns whether it did.
   */
  boolean adopt(long pid, String expectedHash) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    if (!admin.configHash().map(expectedHash::equals).orElse(false)) {
      return false;
    }
    process = handle.get();
    adopted = true;
    handle.get().onExit().thenRun(onExit);
    LOG.info(() -> target.name() + ": adopted running proxy pid " + pid);
    return true;
  }

  /**
   * Starts the proxy unless it is running, waiting until it is ready; after a crash, not before the
   * pause since the last start has passed. Returns whether a process was started.
   */
  boolean ensureRunning() throws IOException {
    if (running()) {
      return false;
    }
    if (process != null) {
      restarts++;
      lastFailure = "proxy process " + process.pid() + " exited; " + tail();
      LOG.warning(() -> target.name() + ": " + lastFailure);
      process = null;
    }
    if (System.nanoTime() < nextStartNanos) {
      return false;
    }
    start();
    return true;
  }

  private void start() throws IOException {
    List<String> command = launcher.command(target, configDir);
    Files.createDirectories(logFile.getParent());
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .start();
    process = child.toHandle();
    adopted = false;
    nextStartNanos = System.nanoTime() + pause.toNanos();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!admin.ready()) {
      if (!child.isAlive()) {
        String reason =
            "proxy exited with code " + child.exitValue() + " while starting; " + tail();
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        throw new IOException(reason);
      }
      if (System.nanoTime() > deadline) {
        child.destroyForcibly();
        throw new IOException(
            "proxy not ready after " + READY_TIMEOUT.toSeconds() + " s; " + tail());
      }
      sleep(20);
    }
    pause = MIN_PAUSE;
    child.onExit().thenRun(onExit);
  }

  /** Stops the process, gently first. */
  void stop() {
    ProcessHandle p = process;
    process = null;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      p.onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
    }
  }

  private String tail() {
    try {
      if (!Files.exists(logFile)) {
        return "no output";
      }
      // Only the end: the file also holds the access log and may be large.
      try (var file = new java.io.RandomAccessFile(logFile.toFile(), "r")) {
        long from = Math.max(0, file.length() - 2048);
        byte[] bytes = new byte[(int) (file.length() - from)];
        file.seek(from);
        file.readFully(bytes);
        List<String> lines =
            List.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n"));
        List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
        return "last output (" + logFile + "): " + String.join(" | ", last);
      }
    } catch (IOException e) {
      return "see " + logFile;
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
