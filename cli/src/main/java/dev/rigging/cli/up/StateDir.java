package dev.rigging.cli.up;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The state directory of {@code rig up}, started afresh each run. It carries a marker so that a
 * directory rig did not make is never deleted, and proxies a killed run left behind are stopped.
 */
final class StateDir {
  static final String MARKER = ".rig-up";

  private StateDir() {}

  static void reset(Path dir) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.exists(dir.resolve(MARKER))) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IOException(
                dir + " exists and was not made by rig up; choose another --state-dir");
          }
        }
      }
      stopLeftovers(dir.resolve("agent/agent.json"));
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "made by rig up; deleted by the next run\n");
  }

  /** Stops proxies recorded by an earlier run that did not get to stop them. */
  private static void stopLeftovers(Path agentJson) {
    if (!Files.exists(agentJson, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      JsonNode pids = new ObjectMapper().readTree(agentJson.toFile()).path("pids");
      pids.properties()
          .forEach(
              e ->
                  ProcessHandle.of(e.getValue().asLong())
                      .filter(p -> p.info().commandLine().orElse("").contains(" proxy "))
                      .ifPresent(
                          p -> {
                            p.destroy();
                            p.onExit()
                                .completeOnTimeout(p, 5, java.util.concurrent.TimeUnit.SECONDS)
                                .join();
                          }));
    } catch (IOException e) {
      // A damaged file names no processes; the ports will tell if any are left.
    }
  }
}
