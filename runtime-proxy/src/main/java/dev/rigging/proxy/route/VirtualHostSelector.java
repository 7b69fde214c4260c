package dev.rigging.proxy.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the virtual host for an authority in Envoy's order: exact domains, then suffix wildcards
 * ({@code *.foo.com}, {@code *-bar.foo.com}), then prefix wildcards ({@code foo.*}), longest
 * wildcard first, then {@code *}. Comparison ignores case; a wildcard never matches the empty
 * string.
 */
final class VirtualHostSelector {

  private record Wildcard(String fixedPart, int hostIndex) {}

  private final Map<String, Integer> exact = new HashMap<>();
  private final List<Wildcard> suffixes = new ArrayList<>(); // "*.foo.com" kept as ".foo.com"
  private final List<Wildcard> prefixes = new ArrayList<>(); // "foo.*" kept as "foo."
  private final int catchAll;
  private final boolean ignorePort;

  VirtualHostSelector(RouteTable table) {
    int star = -1;
    List<VirtualHost> hosts = table.virtualHosts();
    for (int i = 0; i < hosts.size(); i++) {
      for (String domain : hosts.get(i).domains()) {
        String lower = domain.toLowerCase(Locale.ROOT);
        // Same classification as Envoy: only a leading or trailing '*' is a wildcard.
        if (lower.equals("*")) {
          star = i;
        } else if (lower.startsWith("*")) {
          suffixes.add(new Wildcard(lower.substring(1), i));
        } else if (lower.endsWith("*")) {
          prefixes.add(new Wildcard(lower.substring(0, lower.length() - 1), i));
        } else {
          exact.put(lower, i);
        }
      }
    }
    Comparator<Wildcard> longestFirst =
        Comparator.comparingInt((Wildcard w) -> w.fixedPart().length()).reversed();
    suffixes.sort(longestFirst);
    prefixes.sort(longestFirst);
    this.catchAll = star;
    this.ignorePort = table.ignorePortInHostMatching();
  }

  /** The index of the virtual host serving {@code authority}, if any. */
  Optional<Integer> select(String authority) {
    String host = authority.toLowerCase(Locale.ROOT);
    if (ignorePort) {
      host = stripPort(host);
    }
    Integer found = exact.get(host);
    if (found != null) {
      return Optional.of(found);
    }
    for (Wildcard suffix : suffixes) {
      if (host.length() > suffix.fixedPart().length() && host.endsWith(suffix.fixedPart())) {
        return Optional.of(suffix.hostIndex());
      }
    }
    for (Wildcard prefix : prefixes) {
      if (host.length() > prefix.fixedPart().length() && host.startsWith(prefix.fixedPart())) {
        return Optional.of(prefix.hostIndex());
      }
    }
    return catchAll < 0 ? Optional.empty() : Optional.of(catchAll);
  }

  /**
   * {@code a:80} → {@code a}, {@code [::1]:80} → {@code [::1]}; a bare IPv6 address is left whole.
   */
  static String stripPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || colon == host.length() - 1) {
      return host;
    }
    boolean bracketedIpv6 = host.startsWith("[");
    if (bracketedIpv6 ? host.charAt(colon - 1) != ']' : host.indexOf(':') != colon) {
      return host;
    }
    for (int i = colon + 1; i < host.length(); i++) {
      if (!Character.isDigit(host.charAt(i))) {
        return host;
      }
    }
    return host.substring(0, colon);
  }
}
