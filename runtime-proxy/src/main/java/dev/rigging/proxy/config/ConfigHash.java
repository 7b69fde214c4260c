package dev.rigging.proxy.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of a proxy configuration: one SHA-256 over the {@code *.json} files of its config
 * directory, so the agent that wrote a directory and the proxy that loaded it name the same
 * configuration by the same string.
 *
 * <p>Files are taken in name order and each contributes {@code name NUL length NUL bytes}; the
 * length keeps {@code ("a", "bc")} and {@code ("ab", "c")} apart. Subdirectories and other files
 * (certificates, notes) are not part of the configuration and are left out.
 */
public final class ConfigHash {
  private ConfigHash() {}

  /** Returns the lowercase hex SHA-256 of the JSON files in {@code dir}. */
  public static String ofDirectory(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .sorted()
              .toList();
    }
    MessageDigest digest = sha256();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      digest.update((byte) 0);
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
