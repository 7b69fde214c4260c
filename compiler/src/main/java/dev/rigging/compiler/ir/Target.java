package dev.rigging.compiler.ir;

import java.util.Optional;

/**
 * A resolved destination: a whole service, or one version of it. Every target names a service and
 * version that exist (the checker guarantees it; {@code ReferenceIntegrity} checks it again before
 * emitting).
 */
public record Target(String service, Optional<String> version) implements Comparable<Target> {
  public static Target service(String service) {
    return new Target(service, Optional.empty());
  }

  public static Target version(String service, String version) {
    return new Target(service, Optional.of(version));
  }

  /** Returns {@code service} or {@code service.version}. */
  @Override
  public String toString() {
    return version.map(v -> service + "." + v).orElse(service);
  }

  @Override
  public int compareTo(Target other) {
    return toString().compareTo(other.toString());
  }
}
