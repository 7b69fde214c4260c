package dev.rigging.cli.up;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws {@link Frame}s: redrawn in place on a terminal (a status display, not a log), or as one
 * compact line per frame when output is not a terminal.
 */
public final class LiveView {
  private static final int BAR = 20;
  private final PrintWriter out;
  private final boolean terminal;
  private int drawnLines;
  private long lastLineMillis;
  private long eventsPrinted;

  public LiveView(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Draws the frame. */
  public void draw(Frame frame) {
    if (!terminal) {
      // Events as they happen, each once; the traffic once a second, which is plenty for a log.
      long first = frame.eventCount() - frame.events().size();
      for (int i = 0; i < frame.events().size(); i++) {
        if (first + i >= eventsPrinted) {
          out.println(frame.events().get(i));
        }
      }
      eventsPrinted = frame.eventCount();
      long now = System.currentTimeMillis();
      if (now - lastLineMillis >= 1000) {
        lastLineMillis = now;
        out.println(line(frame));
        out.flush();
      }
      return;
    }
    List<String> lines = lines(frame);
    StringBuilder screen = new StringBuilder();
    if (drawnLines > 0) {
      screen.append("\033[").append(drawnLines).append('F');
    }
    for (String line : lines) {
      screen.append("\033[2K").append(line).append('\n');
    }
    // A shorter frame than the last: clear what is left below.
    screen.append("\033[J");
    out.print(screen);
    out.flush();
    drawnLines = lines.size();
  }

  /** The frame as screen lines, without terminal control codes. */
  public static List<String> lines(Frame f) {
    List<String> lines = new ArrayList<>();
    lines.add("rig up · mesh " + f.mesh() + " · policy " + f.policy() + " · Ctrl-C stops");
    lines.add("─".repeat(72));
    if (f.appliedCommit() == null) {
      lines.add("commit    (starting: waiting for the agent to apply the first commit)");
    } else {
      lines.add("commit    " + f.appliedCommit().substring(0, 12) + "  " + f.appliedSubject());
      lines.add("          applied " + f.appliedAgo() + " s ago");
    }
    StringBuilder proxies = new StringBuilder("proxies  ");
    f.proxies()
        .forEach(
            (name, pid) ->
                proxies
                    .append(' ')
                    .append(name)
                    .append(pid == null ? " ○ down" : " ● pid " + pid)
                    .append(' '));
    lines.add(proxies.toString().stripTrailing());
    for (Map.Entry<String, TrafficStats.Window> entry : f.traffic().entrySet()) {
      TrafficStats.Window w = entry.getValue();
      lines.add(
          String.format(
              Locale.ROOT,
              "traffic   → %-10s %d req/s sent · last %d s: %d answered",
              entry.getKey(),
              f.rate(),
              f.window(),
              w.total()));
      long served = w.backends().values().stream().mapToLong(Long::longValue).sum();
      StringBuilder split = new StringBuilder("split    ");
      if (served == 0) {
        split.append(" (no answers yet)");
      }
      w.backends()
          .forEach(
              (backend, n) -> {
                double share = (double) n / served;
                split
                    .append(' ')
                    .append(version(backend))
                    .append(String.format(Locale.ROOT, " %5.1f%% ", share * 100))
                    .append(bar(share))
                    .append(' ');
              });
      lines.add(split.toString().stripTrailing());
      lines.add(
          String.format(
              Locale.ROOT,
              "faults    delayed %s   aborted %s   other errors %d%s",
              percent(w.delayed(), w.total()),
              percent(w.aborted(), w.total()),
              w.failed(),
              kinds(w.failures())));
    }
    if (f.next() != null) {
      lines.add("next      " + f.next());
    }
    boolean first = true;
    for (String event : f.events()) {
      lines.add((first ? "events    " : "          ") + event);
      first = false;
    }
    return lines;
  }

  /** The frame in one line, for logs and pipes. */
  public static String line(Frame f) {
    StringBuilder line = new StringBuilder();
    line.append(
        f.appliedCommit() == null ? "starting" : "commit " + f.appliedCommit().substring(0, 12));
    for (Map.Entry<String, TrafficStats.Window> entry : f.traffic().entrySet()) {
      TrafficStats.Window w = entry.getValue();
      long served = w.backends().values().stream().mapToLong(Long::longValue).sum();
      line.append(" | ").append(entry.getKey()).append(':');
      w.backends()
          .forEach(
              (backend, n) ->
                  line.append(' ').append(version(backend)).append(' ').append(percent(n, served)));
      line.append(" delayed ").append(percent(w.delayed(), w.total()));
      line.append(" aborted ").append(percent(w.aborted(), w.total()));
      line.append(" errors ").append(w.failed()).append(kinds(w.failures()));
    }
    return line.toString();
  }

  private static String kinds(Map<String, Long> failures) {
    if (failures.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" (");
    failures.forEach(
        (kind, n) ->
            text.append(text.length() > 2 ? ", " : "").append(kind).append(": ").append(n));
    return text.append(')').toString();
  }

  private static String version(String backend) {
    int slash = backend.indexOf('/');
    return slash < 0 ? backend : backend.substring(slash + 1);
  }

  private static String percent(long n, long of) {
    return of == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / of);
  }

  private static String bar(double share) {
    int full = (int) Math.round(share * BAR);
    return "█".repeat(full) + "░".repeat(BAR - full);
  }
}
