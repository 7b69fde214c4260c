package dev.rigging.cli.up;

import dev.rigging.proxy.tls.DevCa;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the proxies' certificates valid through a long {@code rig up}. Leaves live 7 days and are
 * re-issued in the second half of that ({@link DevCa#ensureLeaf}); a proxy reads its files only on
 * reload, so each proxy whose leaf was re-issued is reloaded, and asked again at the next check if
 * it could not take it then, until it has.
 */
final class LeafRenewal {
  /** Reloads one proxy, so that it reads its certificate files again. */
  @FunctionalInterface
  interface Reloader {
    void reload(String proxy) throws IOException;
  }

  private final DevCa ca;
  private final List<String> proxies;
  private final Reloader reloader;
  private final Set<String> awaitingReload = new LinkedHashSet<>();

  LeafRenewal(DevCa ca, List<String> proxies, Reloader reloader) {
    this.ca = ca;
    this.proxies = List.copyOf(proxies);
    this.reloader = reloader;
  }

  /** Re-issues what is due and reloads those proxies; returns what happened, as events to show. */
  List<String> check() {
    List<String> events = new ArrayList<>();
    for (String proxy : proxies) {
      try {
        if (ca.ensureLeaf(proxy).issued()) {
          awaitingReload.add(proxy);
          events.add("renewed the certificate of " + proxy);
        }
      } catch (IOException e) {
        events.add("cannot renew the certificate of " + proxy + ": " + e.getMessage());
      }
    }
    for (String proxy : List.copyOf(awaitingReload)) {
      try {
        reloader.reload(proxy);
        awaitingReload.remove(proxy);
      } catch (IOException e) {
        events.add(
            proxy + " still presents its previous certificate (reload: " + e.getMessage() + ")");
      }
    }
    return events;
  }
}
