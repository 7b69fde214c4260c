package dev.rigging.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigHashTest {
  @TempDir Path dir;

  @Test
  void sameFiles_sameHash_whateverElseIsInTheDirectory() throws Exception {
    Files.writeString(dir.resolve("bootstrap.json"), "{}");
    String before = ConfigHash.ofDirectory(dir);
    Files.writeString(dir.resolve("cert.pem"), "not config");
    Files.createDirectory(dir.resolve("sub"));
    assertEquals(before, ConfigHash.ofDirectory(dir));
  }

  @Test
  void changedByte_changesHash() throws Exception {
    Files.writeString(dir.resolve("bootstrap.json"), "{\"a\":1}");
    String before = ConfigHash.ofDirectory(dir);
    Files.writeString(dir.resolve("bootstrap.json"), "{\"a\":2}");
    assertNotEquals(before, ConfigHash.ofDirectory(dir));
  }

  @Test
  void movingBytesBetweenFiles_changesHash() throws Exception {
    Files.writeString(dir.resolve("a.json"), "x");
    Files.writeString(dir.resolve("b.json"), "yz");
    String before = ConfigHash.ofDirectory(dir);
    Files.writeString(dir.resolve("a.json"), "xy");
    Files.writeString(dir.resolve("b.json"), "z");
    assertNotEquals(before, ConfigHash.ofDirectory(dir));
  }

  @Test
  void knownValue_isStableAcrossReleases() throws Exception {
    Files.writeString(dir.resolve("bootstrap.json"), "{}");
    // sha256("bootstrap.json\u00002\u0000{}"): the agent and the proxy of different builds must
    // agree.
    assertEquals(
        "5df22ae1ebf97bb30e58518b876be230a8eacf97f94071b91eee2e373f1ffb92",
        ConfigHash.ofDirectory(dir));
  }
}
