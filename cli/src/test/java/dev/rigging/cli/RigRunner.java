package dev.rigging.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs rig in-process with captured stdout and stderr, the way Main does minus System.exit. */
final class RigRunner {
  /** Test policies, relative to the module directory surefire runs in, as users would pass them. */
  static final Path POLICIES = Path.of("src/test/resources/policies");

  private RigRunner() {}

  record Run(int exitCode, String out, String err) {}

  static Run rig(Object... args) {
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Rig.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(strings);
    return new Run(code, out.toString(), err.toString());
  }

  static Path policy(String name) {
    return POLICIES.resolve(name);
  }
}
