package dev.rigging.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads source text; tests substitute an in-memory reader. */
@FunctionalInterface
public interface SourceReader {
  String read(Path path) throws IOException;

  /** Reads from the file system as UTF-8. */
  SourceReader FILES = Files::readString;
}
