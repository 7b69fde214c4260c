package dev.rigging.proxy.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a set of TLS files (certificate chains, private keys, CAs) held when read: a SHA-256 of each
 * one's contents by path, so that a reload can tell a renewed certificate from the same one. The
 * contents themselves are not kept. A file that does not exist reads as {@code absent}; building
 * the TLS context then reports it.
 *
 * @param digests each file's digest, by path
 */
record TlsFiles(Map<String, String> digests) {

  /**
   * The files at {@code paths}, each read unless {@code known} has its digest from this build
   * already; adds the ones it reads to {@code known}.
   */
  static TlsFiles read(List<String> paths, Map<String, String> known) throws IOException {
    Map<String, String> digests = new HashMap<>();
    for (String path : paths) {
      String digest = known.get(path);
      if (digest == null) {
        digest = digest(Path.of(path));
        known.put(path, digest);
      }
      digests.put(path, digest);
    }
    return new TlsFiles(Map.copyOf(digests));
  }

  private static String digest(Path file) throws IOException {
    byte[] contents;
    try {
      contents = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return "absent";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(contents));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
