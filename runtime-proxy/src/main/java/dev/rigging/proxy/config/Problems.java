package dev.rigging.proxy.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a translator cannot honour, each with its JSON path, so all are reported at once.
 */
final class Problems {

  private final List<String> found = new ArrayList<>();

  void add(String path, String problem) {
    found.add(path + ": " + problem);
  }

  void addAll(List<String> problems) {
    found.addAll(problems);
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<String> list() {
    return List.copyOf(found);
  }
}
