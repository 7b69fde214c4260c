package dev.rigging.cli.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Sends the agent's and JGit's log to a file, so it cannot scribble over the live view. */
final class AgentLog {
  // Held: a logger only weakly references its configuration.
  private static final Logger[] KEPT = {
    Logger.getLogger("dev.rigging"), Logger.getLogger("org.eclipse.jgit")
  };

  private AgentLog() {}

  static void toFile(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    FileHandler handler = new FileHandler(file.toString(), true);
    handler.setFormatter(new SimpleFormatter());
    for (Logger logger : KEPT) {
      logger.setUseParentHandlers(false);
      logger.addHandler(handler);
    }
  }
}
