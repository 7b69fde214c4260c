package dev.rigging.cli;

import dev.rigging.cli.up.Frame;
import dev.rigging.cli.up.LiveView;
import dev.rigging.cli.up.TrafficStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

class LiveViewTest {
  @Test
  void screenAndLogLine() {
    Map<String, Long> backends = new TreeMap<>(Map.of("callme/v1", 198L, "callme/v2", 802L));
    var window =
        new TrafficStats.Window(
            backends, 103, 97, 3, new TreeMap<>(Map.of("503", 2L, "timeout", 1L)), 1106);
    Map<String, Long> proxies = new LinkedHashMap<>();
    proxies.put("caller", 4242L);
    proxies.put("callme", null);
    Frame frame =
        new Frame(
            "demo",
            ".rig/up/policy/callme.mesh",
            "0123456789abcdef0123456789abcdef01234567",
            "rigging: compile 89abcdef0123: caller, callme changed",
            12,
            proxies,
            50,
            5,
            Map.of("callme", window),
            "in 8 s: commit a policy change",
            List.of("14:03:22  agent applied 0123456789ab; sending traffic"),
            1);
    Approvals.verify(
        String.join("\n", LiveView.lines(frame)) + "\n\n" + LiveView.line(frame) + "\n");
  }
}
