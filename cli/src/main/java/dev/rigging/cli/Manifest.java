package dev.rigging.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.Mesh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code manifest.json}: what went into an output tree and what came out, with SHA-256 hashes,
 * so a GitOps pipeline can tell what changed and verify what it deploys. Sorted by path, no
 * timestamps: the same inputs give the same bytes. Its presence also marks a directory as rig's
 * to replace.
 */
final class Manifest {
  static final String FILE = "manifest.json";

  private Manifest() {}

  /**
   * Returns the manifest text for {@code mesh} and the {@code outputs} (relative path to bytes,
   * sorted; the manifest itself is not among them).
   */
  static String render(Mesh mesh, SortedMap<String, byte[]> outputs) {
    ObjectNode root = Json.object();
    root.put("mesh", mesh.name());
    root.put("compiler", Version.compiler());
    ArrayNode inputs = root.putArray("inputs");
    mesh.inputs().stream()
        .sorted(java.util.Comparator.comparing(Mesh.Input::path))
        .forEach(input -> inputs.addObject().put("path", input.path()).put("sha256", input.sha256()));
    ArrayNode files = root.putArray("outputs");
    for (Map.Entry<String, byte[]> output : outputs.entrySet()) {
      files.addObject()
          .put("path", output.getKey())
          .put("sha256", sha256(output.getValue()))
          .put("bytes", output.getValue().length);
    }
    return Json.text(root);
  }

  /**
   * Returns whether {@code file} is a manifest rig wrote. Checked by content, not just by name:
   * a web app's {@code manifest.json} must not make its directory ours to delete.
   */
  static boolean isOurs(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return node != null
          && node.path("compiler").asText("").startsWith("rigging ")
          && node.path("outputs").isArray();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
