package dev.rigging.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The entry point of {@code rig.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // rig up's traffic sets Host to the callee, as applications behind a sidecar do; the JDK
    // client refuses that unless told before its first use.
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    // Long-running commands (proxy, agent) log one line per event, not JUL's two.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
    }
    // UTF-8 whatever the locale: diagnostics quote .mesh text and JSON must be UTF-8.
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code;
    try {
      code = Rig.commandLine(out, err).execute(args);
    } catch (
        Throwable
            t) { // Errors too (StackOverflowError on a pathological input): one line, no trace.
      err.println(Failures.internalError(t));
      code = ExitCodes.USAGE_OR_INTERNAL;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }
}
