package dev.rigging.policies;

import dev.rigging.cli.Rig;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real {@code rig} command line in-process and captures what it prints. */
record RigRun(int exitCode, String out, String err) {
  static RigRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Rig.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new RigRun(code, out.toString(), err.toString());
  }
}
