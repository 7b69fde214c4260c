package dev.rigging.validators.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The vendored schemas are exactly what {@link SchemaGenerator} makes of the pinned client. */
class VendoredSchemasTest {
  private static final Path DIR = Path.of("src/main/resources" + SchemaCheck.RESOURCES);

  @ParameterizedTest
  @EnumSource(KubernetesKind.class)
  void vendoredSchema_matchesClientModels(KubernetesKind kind) throws IOException {
    String generated = SchemaGenerator.schema(kind);
    Path file = DIR.resolve(kind.schemaFile());
    if (Boolean.getBoolean("approve")) {
      Files.createDirectories(DIR);
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertEquals(
        generated,
        Files.readString(file, StandardCharsets.UTF_8),
        file + " is stale: re-run with -Dapprove=true");
  }
}
