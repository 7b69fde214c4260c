package dev.rigging.compiler.ir;

/** A non-negative duration in whole milliseconds, the resolution Envoy timeouts need. */
public record Duration(long millis) implements Comparable<Duration> {
  public Duration {
    if (millis < 0) {
      throw new IllegalArgumentException("negative duration: " + millis);
    }
  }

  public static Duration ofMillis(long millis) {
    return new Duration(millis);
  }

  /** Returns Envoy's JSON form of a google.protobuf.Duration, e.g. {@code "0.500s"}. */
  public String toProtoJson() {
    long seconds = millis / 1000;
    long ms = millis % 1000;
    return ms == 0 ? seconds + "s" : String.format(java.util.Locale.ROOT, "%d.%03ds", seconds, ms);
  }

  /** Returns the shortest form the language accepts, e.g. {@code 500ms} or {@code 5s}. */
  @Override
  public String toString() {
    if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }

  @Override
  public int compareTo(Duration other) {
    return Long.compare(millis, other.millis);
  }
}
