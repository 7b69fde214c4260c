package dev.rigging.cli.up;

import java.util.List;
import java.util.Map;

/**
 * Everything one screen of {@code rig up} shows, gathered by the session and drawn by {@link
 * LiveView}.
 *
 * @param mesh the mesh name
 * @param policy the policy file users may edit
 * @param appliedCommit the output commit the proxies run, or null while starting
 * @param appliedSubject its subject line
 * @param appliedAgo seconds since it was applied
 * @param proxies proxy name → running pid, or null when not running
 * @param rate requests a second sent
 * @param window seconds the traffic figures cover
 * @param traffic per callee, what answered
 * @param next what the session will do next, or null
 * @param events the latest events, oldest first
 * @param eventCount how many events there have been in all, the latest included
 */
public record Frame(
    String mesh,
    String policy,
    String appliedCommit,
    String appliedSubject,
    long appliedAgo,
    Map<String, Long> proxies,
    int rate,
    int window,
    Map<String, TrafficStats.Window> traffic,
    String next,
    List<String> events,
    long eventCount) {}
