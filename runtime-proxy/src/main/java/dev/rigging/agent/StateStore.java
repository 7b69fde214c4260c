package dev.rigging.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** Reads and writes {@code agent.json} in the state directory, replacing it atomically. */
final class StateStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  StateStore(Path stateDir) {
    this.file = stateDir.resolve("agent.json");
  }

  /** Returns the saved state; a missing or unreadable file starts afresh (and says so). */
  AgentState load() throws IOException {
    AgentState state = new AgentState();
    if (!Files.exists(file)) {
      return state;
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(
          file + " is damaged (" + e.getMessage() + "); move it away to start afresh", e);
    }
    if (root.hasNonNull("applied_commit")) {
      state.appliedCommit = root.get("applied_commit").asText();
      state.appliedAt = Instant.parse(root.path("applied_at").asText(Instant.EPOCH.toString()));
    }
    root.path("hashes")
        .properties()
        .forEach(e -> state.hashes.put(e.getKey(), e.getValue().asText()));
    root.path("good").forEach(n -> state.good.add(n.asText()));
    root.path("rejected")
        .properties()
        .forEach(e -> state.rejected.put(e.getKey(), e.getValue().asText()));
    root.path("pids").properties().forEach(e -> state.pids.put(e.getKey(), e.getValue().asLong()));
    return state;
  }

  void save(AgentState state) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("applied_commit", state.appliedCommit);
    root.put("applied_at", state.appliedAt == null ? null : state.appliedAt.toString());
    ObjectNode hashes = root.putObject("hashes");
    state.hashes.forEach(hashes::put);
    var good = root.putArray("good");
    state.good.forEach(good::add);
    ObjectNode rejected = root.putObject("rejected");
    state.rejected.forEach(rejected::put);
    ObjectNode pids = root.putObject("pids");
    state.pids.forEach(pids::put);
    Path tmp = file.resolveSibling("agent.json.tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
