package dev.rigging.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentReadinessTest {
  private static AgentStatus status(String applied, boolean... running) {
    var proxies =
        java.util.stream.IntStream.range(0, running.length)
            .mapToObj(
                i ->
                    new AgentStatus.ProxyView(
                        "p" + i, "127.0.0.1:" + (15000 + i), 1L, running[i], false, 0))
            .toList();
    return new AgentStatus(
        "repo", "main", applied, null, Map.of(), null, null, null, -1, null, Map.of(), proxies);
  }

  @Test
  void ready_onlyWithAnAppliedCommit_andEveryProxyRunning() {
    assertTrue(Agent.isReady(status("abc", true, true)));
    assertFalse(Agent.isReady(status(null, true)));
    assertFalse(Agent.isReady(status("abc", true, false)));
    assertFalse(Agent.isReady(status("abc")));
    assertFalse(
        Agent.isReady(
            new AgentStatus(
                "r", "b", null, null, Map.of(), null, null, null, -1, null, Map.of(), List.of())));
  }
}
