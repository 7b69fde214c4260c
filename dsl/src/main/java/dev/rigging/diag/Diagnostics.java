package dev.rigging.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics across phases, up to a cap, so that one run reports many problems and a
 * pathological input cannot flood the output.
 */
public final class Diagnostics {
  public static final int DEFAULT_LIMIT = 200;

  private final List<Diagnostic> items = new ArrayList<>();
  private final int limit;
  private int dropped;

  public Diagnostics() {
    this(DEFAULT_LIMIT);
  }

  public Diagnostics(int limit) {
    this.limit = limit;
  }

  public void add(Diagnostic diagnostic) {
    if (items.size() < limit) {
      items.add(diagnostic);
    } else {
      dropped++;
    }
  }

  public void add(Diagnostic.Builder builder) {
    add(builder.build());
  }

  public void addAll(Iterable<Diagnostic> diagnostics) {
    diagnostics.forEach(this::add);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public int errorCount() {
    return (int) items.stream().filter(Diagnostic::isError).count();
  }

  /** Returns how many diagnostics were not kept because the cap was reached. */
  public int dropped() {
    return dropped;
  }

  /** Returns the diagnostics sorted by location, duplicates (same code and span) removed. */
  public List<Diagnostic> sorted() {
    return items.stream().sorted(Diagnostic.ORDER).distinct().toList();
  }
}
