package dev.rigging.cli.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.tls.DevCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long {@code rig up} renews each leaf at half-life and reloads its proxy, retrying a proxy that
 * could not reload until it has; nothing is re-issued or reloaded before then.
 */
class LeafRenewalTest {
  @TempDir Path dir;

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-11-22T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void leavesAreRenewedAtHalfLife_andTheirProxiesReloaded_untilEachHasReloaded() throws Exception {
    MovingClock clock = new MovingClock();
    DevCa ca = DevCa.create("demo", dir, clock);
    List<String> proxies = List.of("caller", "callme");
    for (String proxy : proxies) {
      ca.ensureLeaf(proxy);
    }
    Path callmeCert = ca.leafDirectory("callme").resolve(DevCa.CERT_FILE);
    byte[] issued = Files.readAllBytes(callmeCert);
    List<String> reloaded = new ArrayList<>();
    Set<String> down = new HashSet<>(Set.of("callme"));
    LeafRenewal renewal =
        new LeafRenewal(
            ca,
            proxies,
            proxy -> {
              if (down.contains(proxy)) {
                throw new IOException("connection refused");
              }
              reloaded.add(proxy);
            });

    clock.now = clock.now.plus(Duration.ofDays(3));
    assertEquals(List.of(), renewal.check(), "three days in: nothing due");
    assertEquals(List.of(), reloaded);

    clock.now = clock.now.plus(Duration.ofHours(13)); // past half of the 7 days
    assertEquals(
        List.of(
            "renewed the certificate of caller",
            "renewed the certificate of callme",
            "callme still presents its previous certificate (reload: connection refused)"),
        renewal.check());
    assertEquals(List.of("caller"), reloaded);
    assertFalse(Arrays.equals(issued, Files.readAllBytes(callmeCert)), "same names, new files");

    down.clear();
    assertEquals(List.of(), renewal.check(), "not re-issued again, but reloaded at last");
    assertEquals(List.of("caller", "callme"), reloaded);
    assertEquals(List.of(), renewal.check());
    assertEquals(List.of("caller", "callme"), reloaded, "one reload per renewal");
    Instant notAfter = ca.ensureLeaf("callme").certificate().getNotAfter().toInstant();
    assertTrue(notAfter.isAfter(clock.now.plus(Duration.ofDays(6))), "a full validity ahead");
  }
}
