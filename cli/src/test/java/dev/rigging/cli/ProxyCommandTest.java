package dev.rigging.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig proxy} refuses what it cannot run with a located message and exit code 2. */
class ProxyCommandTest {
  @TempDir Path dir;

  @Test
  void missingConfig_exits2_namingThePath() {
    RigRunner.Run run =
        RigRunner.rig("proxy", "--config", dir.resolve("nope"), "--admin", "127.0.0.1:0");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("nope"), run.err());
    assertTrue(run.err().contains("no such file or directory"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
  }

  @Test
  void malformedJson_exits2_withTheFileAndProblem() throws Exception {
    Path bootstrap = dir.resolve("bootstrap.json");
    Files.writeString(bootstrap, "{\"node\": {\"id\": \"x\"}, \"static_resources\": {");
    RigRunner.Run run = RigRunner.rig("proxy", "--config", bootstrap, "--admin", "127.0.0.1:0");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("bootstrap.json"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
  }

  @Test
  void unsupportedField_exits2_namingTheField() throws Exception {
    Path bootstrap = dir.resolve("bootstrap.json");
    Files.writeString(
        bootstrap,
        """
        {"node": {"id": "x"}, "static_resources": {"clusters": [{"name": "c",
          "connect_timeout": "1s", "dns_lookup_family": "V4_ONLY"}]}}
        """);
    RigRunner.Run run = RigRunner.rig("proxy", "--config", bootstrap, "--admin", "127.0.0.1:0");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("dns_lookup_family"), run.err());
    assertTrue(run.err().contains("not supported by the Rigging proxy"), run.err());
  }

  @Test
  void badAdminAddress_isAUsageError() {
    RigRunner.Run run = RigRunner.rig("proxy", "--config", dir, "--admin", "localhost");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("--admin must be HOST:PORT"), run.err());
  }
}
