package dev.rigging.emitters.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.compiler.ir.Mesh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Compiles {@code .mesh} text with the real compiler, for emitter tests. */
final class Meshes {
  private Meshes() {}

  /** The same text as {@code src/test/resources/kubernetes/canary.mesh}. */
  static final String CANARY =
      """
      mesh demo

      service caller {
        port 8090 http
        outbound 15090
        calls callme
        endpoint 127.0.0.1:9090
      }

      service callme {
        port 8091 http
        version v1 {
          labels { version: "v1" }
          endpoint 127.0.0.1:9101
        }
        version v2 {
          labels { version: "v2", track: "canary" }
          endpoint 127.0.0.1:9102
        }
      }

      route callme {
        match path prefix "/callme" {
          split v1 20%, v2 80%
        }
      }

      gateway ingress {
        port 8080 http
        match path prefix "/callme" { to callme }
      }
      """;

  static Mesh compileFile(Path file) {
    Compilation compilation = new Compiler().compile(List.of(file));
    assertFalse(compilation.hasErrors(), compilation.diagnostics().toString());
    return compilation.mesh().orElseThrow();
  }

  static Mesh compile(Path dir, String text) {
    try {
      Path file = dir.resolve("test.mesh");
      Files.writeString(file, text);
      Compilation compilation = new Compiler().compile(List.of(file));
      assertFalse(compilation.hasErrors(), compilation.diagnostics().toString());
      return compilation.mesh().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
