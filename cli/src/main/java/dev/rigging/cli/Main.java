package dev.rigging.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The entry point of {@code rig.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // JGit logs through SLF4J; with no provider bound, SLF4J warns on stderr at first use, which
    // would land in every `rig diff`. Only its errors are kept.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
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
