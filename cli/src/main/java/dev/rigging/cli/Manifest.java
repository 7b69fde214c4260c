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
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * {@code manifest.json}: what went into an output tree and what came out, with SHA-256 hashes, so a
 * GitOps pipeline can tell what changed and verify what it deploys. Sorted by path, no timestamps:
 * the same inputs give the same bytes. Its presence also marks a directory as rig's to replace.
 */
final class Manifest {
  static final String FILE = "manifest.json";

  private Manifest() {}

  /**
   * One output file as the manifest lists it. Only this is kept of a written document, so a compile
   * holds a few hundred bytes per file rather than the file itself.
   */
  record Entry(String path, String sha256, long bytes) {
    static Entry of(String path, byte[] content) {
      return new Entry(path, Manifest.sha256(content), content.length);
    }
  }

  /**
   * Returns the manifest text for {@code mesh} and its {@code outputs} (in any order; listed sorted
   * by path; the manifest itself is not among them).
   *
   * @throws IllegalStateException if two outputs share a path or one is named like the manifest
   */
  static String render(Mesh mesh, Collection<Entry> outputs) {
    ObjectNode root = Json.object();
    root.put("mesh", mesh.name());
    root.put("compiler", Version.compiler());
    ArrayNode inputs = root.putArray("inputs");
    mesh.inputs().stream()
        .sorted(Comparator.comparing(Mesh.Input::path))
        .forEach(
            input -> inputs.addObject().put("path", input.path()).put("sha256", input.sha256()));
    ArrayNode files = root.putArray("outputs");
    String previous = null;
    for (Entry output : outputs.stream().sorted(Comparator.comparing(Entry::path)).toList()) {
      if (output.path().equals(previous)) {
        throw new IllegalStateException("two emitted documents share the path " + previous);
      }
      if (output.path().equals(FILE)) {
        throw new IllegalStateException("an emitted document is named " + FILE);
      }
      previous = output.path();
      files
          .addObject()
          .put("path", output.path())
          .put("sha256", output.sha256())
          .put("bytes", output.bytes());
    }
    return Json.text(root);
  }

  /**
   * Returns whether {@code file} is a manifest rig wrote. Checked by content, not just by name: a
   * web app's {@code manifest.json} must not make its directory ours to delete.
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
