package dev.rigging.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How rig fails: bad usage gets picocli's message, a suggestion and a hint; an expected failure
 * ({@link CliFailure}) one {@code rig:} line; anything else one {@code rig: internal error:} line
 * with the cause chain. Never a stack trace: users paste the line into an issue, and a trace would
 * bury the message. All exit 2.
 */
final class Failures {
  private Failures() {}

  /** Unknown option, missing {@code --out}, bad value: message, suggestions, synopsis, hint. */
  static final IParameterExceptionHandler USAGE =
      (ParameterException ex, String[] args) -> {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("rig: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cmd.getHelp().fullSynopsis());
        err.printf("Try '%s --help' for more information.%n", cmd.getCommandSpec().qualifiedName());
        err.flush();
        return ExitCodes.USAGE_OR_INTERNAL;
      };

  /** Exceptions thrown by a command. */
  static final IExecutionExceptionHandler EXECUTION =
      (Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) -> {
        PrintWriter err = cmd.getErr();
        err.println(ex instanceof CliFailure ? "rig: " + ex.getMessage() : internalError(ex));
        err.flush();
        return ExitCodes.USAGE_OR_INTERNAL;
      };

  /**
   * Returns {@code rig: internal error: <message>: <cause>: ...}, each message once (wrappers often
   * repeat their cause's text), with the exception's class name where it has no message.
   */
  static String internalError(Throwable thrown) {
    Set<Throwable> seen = new LinkedHashSet<>();
    List<String> parts = new ArrayList<>();
    for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
      String message = t.getMessage();
      String text =
          (message == null || message.isBlank() ? t.getClass().getName() : message.strip())
              .replace('\n', ' ')
              .replace('\r', ' ');
      if (parts.stream().noneMatch(p -> p.contains(text))) {
        parts.add(text);
      }
    }
    return "rig: internal error: " + String.join(": ", parts);
  }
}
