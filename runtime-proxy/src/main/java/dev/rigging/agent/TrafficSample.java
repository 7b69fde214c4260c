package dev.rigging.agent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cumulative request counters read from a proxy's {@code /stats}: every downstream response, the
 * 5xx among them, and the aborts the fault filter injected on purpose.
 */
public record TrafficSample(long requests, long serverErrors, long injectedAborts) {
  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+([0-9.eE+-]+)");

  public static final TrafficSample ZERO = new TrafficSample(0, 0, 0);

  /** Reads the counters out of Prometheus text exposition format. */
  public static TrafficSample parse(String prometheusText) {
    long requests = 0;
    long serverErrors = 0;
    long aborts = 0;
    for (String line : prometheusText.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      long value = (long) Double.parseDouble(m.group(3));
      String labels = m.group(2) == null ? "" : m.group(2);
      switch (m.group(1)) {
        case "rigging_downstream_rq_total" -> {
          requests += value;
          if (labels.contains("code_class=\"5xx\"")) {
            serverErrors += value;
          }
        }
        case "rigging_fault_aborts_total" -> aborts += value;
        default -> {}
      }
    }
    return new TrafficSample(requests, serverErrors, aborts);
  }

  public TrafficSample plus(TrafficSample other) {
    return new TrafficSample(
        requests + other.requests,
        serverErrors + other.serverErrors,
        injectedAborts + other.injectedAborts);
  }
}
