package dev.rigging.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTreeTest {
  private static final String OURS = "{\"compiler\": \"rigging 0\", \"outputs\": []}\n";

  @TempDir Path tmp;

  @Test
  void aWriteThatFailsHalfwayLeavesTheOldTreeAndNoLitter() throws IOException {
    Path out = tmp.resolve("out");
    OutputTree.replace(out, files(Map.of("manifest.json", OURS, "a/old.json", "old")));

    // The second file is refused after the first was written into the staging tree.
    SortedMap<String, byte[]> bad = files(Map.of("a/new.json", "new", "b/../../escape.json", "x"));
    assertThrows(IllegalStateException.class, () -> OutputTree.replace(out, bad));

    assertEquals(Map.of("a/old.json", "old", "manifest.json", OURS), read(out));
    assertEquals(List.of("out"), names(tmp));
  }

  @Test
  void replacingSwapsTheWholeTree() throws IOException {
    Path out = tmp.resolve("out");
    OutputTree.replace(out, files(Map.of("manifest.json", OURS, "a/old.json", "old")));
    OutputTree.replace(out, files(Map.of("manifest.json", OURS, "b/new.json", "new")));
    assertEquals(Map.of("b/new.json", "new", "manifest.json", OURS), read(out));
    assertEquals(List.of("out"), names(tmp));
  }

  @Test
  void aSymlinkedOutputIsFollowedAndTheLinkKept() throws IOException {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    OutputTree.replace(link, files(Map.of("manifest.json", OURS)));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(Map.of("manifest.json", OURS), read(real));
  }

  @Test
  void theRootDirectoryIsNeverReplaced() {
    assertThrows(CliFailure.class, () -> OutputTree.checkReplaceable(Path.of("/")));
  }

  private static SortedMap<String, byte[]> files(Map<String, String> text) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    text.forEach((path, content) -> files.put(path, content.getBytes(StandardCharsets.UTF_8)));
    return files;
  }

  private static Map<String, String> read(Path root) throws IOException {
    Map<String, String> text = new TreeMap<>();
    CompileCommandTest.tree(root)
        .forEach((path, bytes) -> text.put(path, new String(bytes, StandardCharsets.UTF_8)));
    return text;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
