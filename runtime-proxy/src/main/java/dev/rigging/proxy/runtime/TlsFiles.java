package dev.rigging.proxy.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a set of TLS files (certificate chains, private keys, CAs) held when read: their paths and a
 * SHA-256 of each one's contents, so that a reload can tell a renewed certificate from the same
 * one. The contents themselves are not kept. A file that does not exist reads as absent; building
 * the TLS context then reports it.
 *
 * @param entries each path followed by its digest, or by {@code absent}
 */
record TlsFiles(List<String> entries) {

  static final TlsFiles NONE = new TlsFiles(List.of());

  static TlsFiles read(List<String> paths) throws IOException {
    if (paths.isEmpty()) {
      return NONE;
    }
    String[] entries = new String[paths.size() * 2];
    for (int i = 0; i < paths.size(); i++) {
      entries[2 * i] = paths.get(i);
      entries[2 * i + 1] = digest(Path.of(paths.get(i)));
    }
    return new TlsFiles(List.of(entries));
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
